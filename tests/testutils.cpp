// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testutils.h"

#include "ingest/bytesource.h"
#include "ingest/captureformat.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

namespace TestUtils {

QString data(const QString& name)
{
    return QStringLiteral(LEAKSCOPE_TEST_DATA "/") + name;
}

QString corpus(const QString& relative)
{
    const QString path = QStringLiteral(LEAKSCOPE_CORPUS_DIR "/") + relative;
    return QFileInfo::exists(path) ? QFileInfo(path).absoluteFilePath() : QString();
}

QString binary()
{
    return QStringLiteral(LEAKSCOPE_BINARY);
}

bool importFile(const QString& path, CollectingSink& sink, QString* error)
{
    const SniffResult sniffed = CaptureFormats::sniff(path);
    auto importer = CaptureFormats::createImporter(sniffed.format);
    if (!importer) {
        *error = sniffed.error.isEmpty() ? QStringLiteral("no importer for %1 (looks like %2)").arg(CaptureFormats::id(sniffed.format), sniffed.looksLike)
                                         : sniffed.error;
        return false;
    }
    QString openError;
    auto source = ByteSource::open(path, &openError);
    if (!source) {
        *error = openError;
        return false;
    }
    const ImportInput input { *source, path, {} };
    if (!importer->read(input, sink, {})) {
        *error = importer->errorString();
        return false;
    }
    return true;
}

Scratch::Scratch()
{
    QVERIFY(m_dir.isValid());
}

QString Scratch::path(const QString& name) const
{
    return m_dir.filePath(name);
}

ProcessResult runLeakscope(const QStringList& arguments, const QString& workingDir)
{
    QProcess p;
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEAKSCOPE_DATA_DIR"), QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources"));
    p.setProcessEnvironment(env);
    p.start(binary(), arguments);
    ProcessResult r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace TestUtils
