// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureimport.h"

#include "common/hashing.h"
#include "ingest/bytesource.h"
#include "store/capturewriter.h"
#include "store/investigation.h"
#include "threadedsink.h"

#include <QDateTime>
#include <QFileInfo>

ImportOutcome importCapture(
    Investigation& investigation, const ImportRequest& request, const ProgressCallback& progress)
{
    ImportOutcome out;
    const QFileInfo info(request.path);
    const QString name = info.fileName();
    auto failWith = [&](const QString& why) {
        out.ok = false;
        out.error = QStringLiteral("%1: %2").arg(name, why);
        return out;
    };

    const SniffResult sniffed = CaptureFormats::sniff(request.path);
    if (!sniffed.error.isEmpty())
        return failWith(sniffed.error);
    out.format = sniffed.format;
    if (sniffed.format == CaptureFormat::Unknown)
        return failWith(QStringLiteral("not a capture Leakscope can read (it looks like %1)").arg(sniffed.looksLike));
    std::unique_ptr<CaptureImporter> importer = CaptureFormats::createImporter(sniffed.format);
    if (!importer) {
        const QString reason = CaptureFormats::unsupportedReason(sniffed.format);
        return failWith(reason.isEmpty() ? QStringLiteral("%1 files cannot be imported by this version of Leakscope")
                                               .arg(CaptureFormats::displayName(sniffed.format))
                                         : reason);
    }

    Digest fileDigest(Digest::Sha256);
    QString openError;
    auto source = ByteSource::open(request.path, &openError, &fileDigest);
    if (!source)
        return failWith(openError);

    try {
        CaptureFileInfo fileInfo;
        fileInfo.fileName = name;
        fileInfo.fileSize = info.size();
        fileInfo.format = CaptureFormats::id(sniffed.format);
        fileInfo.compression = sniffed.compression;
        fileInfo.label = request.label;
        fileInfo.appHint = request.appName;
        CaptureWriter writer(investigation.db(), fileInfo);
        bool read = false;
        {
            // Parse here, write on a second thread.
            ThreadedSink queue(writer);
            const ImportInput input { *source, request.path, request.keyLogPath };
            read = importer->read(input, queue, progress);
            if (read)
                queue.finish();
        }
        if (!read) {
            out.cancelled = importer->wasCancelled();
            return failWith(importer->errorString());
        }
        if (!source->digestRestOfFile())
            return failWith(QStringLiteral("cannot read the file: %1").arg(source->errorString()));
        const QString sha256 = QString::fromLatin1(fileDigest.result().toHex());
        if (const auto existing = investigation.captureBySha256(sha256))
            return failWith(QStringLiteral("this file is already in the investigation as capture %1 (\"%2\", same "
                                           "SHA-256); it was not imported again")
                                .arg(existing->id)
                                .arg(existing->fileName));
        Statement& st = investigation.db().prepare("UPDATE captures SET sha256 = ?1 WHERE id = ?2");
        st.bind(1, sha256).bind(2, writer.captureId());
        st.run();
        if (writer.flowCount() == 0 && writer.connectionCount() == 0)
            writer.addWarning(QStringLiteral("the file holds no requests or connections"));
        out.captureId = writer.commit();
        out.flows = writer.flowCount();
        out.connections = writer.connectionCount();
        out.warnings = writer.warnings();
        out.ok = true;
    } catch (const StoreError& e) {
        return failWith(QStringLiteral("could not be saved into the investigation: %1").arg(e.message()));
    } catch (const std::bad_alloc&) {
        return failWith(QStringLiteral("ran out of memory while importing"));
    }
    return out;
}
