// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charlesarchiveimporter.h"

#include "bytesource.h"
#include "charlestransaction.h"
#include "ziparchive.h"

#include <QRegularExpression>

#include <map>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace {

constexpr qint64 kMaxMemberBytes = qint64(1) << 30;
constexpr qint64 kMaxMetaBytes = 64 << 20;

const QString kNotChlz = QStringLiteral(
    "this zip is not laid out as Leakscope expects a Charles 5 archive (N-meta.json per transaction); in Charles, "
    "use File → Export Session… → JSON Session File (.chlsj) or HTTP Archive (.har), then import that file");

struct Transaction
{
    QByteArray meta;
    CharlesTransaction::Bodies bodies;
    bool cut = false;
    int expected = 0;
    int read = 0;
};

enum class Part
{
    Meta,
    Request,
    Response,
    Other
};

/// "12-meta.json" / "sub/12-req.json" / "12-res.bin" → (12, part).
std::pair<int, Part> partOf(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("(?:^|/)(\\d{1,9})-(meta|req|res)(?:\\.[^/]*)?$"));
    const QRegularExpressionMatch m = re.match(name);
    if (!m.hasMatch())
        return { -1, Part::Other };
    const QString kind = m.captured(2);
    return { m.captured(1).toInt(), kind == u"meta" ? Part::Meta : (kind == u"req" ? Part::Request : Part::Response) };
}

} // namespace

bool CharlesArchiveImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    if (input.path.isEmpty())
        return fail(QStringLiteral("a Charles archive can only be read from a file"));
    std::map<int, Transaction> transactions;
    {
        ZipArchive zip;
        if (!zip.open(input.path))
            return fail(QStringLiteral("not a readable zip archive: %1").arg(zip.error()));
        ZipArchive::Entry e;
        while (zip.next(e)) {
            if (e.encrypted)
                return fail(QStringLiteral(
                    "this Charles archive is encrypted; export the session from Charles as .chlsj or HAR"));
            const auto [number, part] = partOf(e.name);
            if (number >= 0 && !e.isDirectory)
                ++transactions[number].expected;
        }
        if (!zip.error().isEmpty())
            return fail(QStringLiteral("the zip archive is damaged: %1").arg(zip.error()));
    }
    bool anyMeta = false;
    ZipArchive zip;
    if (!zip.open(input.path))
        return fail(QStringLiteral("not a readable zip archive: %1").arg(zip.error()));
    ProgressThrottle throttle(progress, input.stream.fileSize());
    ZipArchive::Entry e;
    qint64 flows = 0;
    int lossy = 0;
    while (zip.next(e)) {
        const auto [number, part] = partOf(e.name);
        if (number < 0 || e.isDirectory)
            continue;
        Transaction& t = transactions[number];
        QByteArray data;
        bool cut = false;
        if (!zip.readData(data, part == Part::Meta ? kMaxMetaBytes : kMaxMemberBytes, &cut))
            return fail(QStringLiteral("the zip archive is damaged at %1: %2").arg(e.name, zip.error()));
        if (part == Part::Meta) {
            t.meta = std::move(data);
            anyMeta = true;
        } else {
            (part == Part::Request ? t.bodies.request : t.bodies.response) = std::move(data);
            t.cut = t.cut || cut;
        }
        if (++t.read < t.expected)
            continue;
        Transaction done = std::move(t);
        transactions.erase(number);
        if (done.meta.isEmpty()) {
            sink.addWarning(QStringLiteral("transaction %1 has bodies but no %1-meta.json; skipped").arg(number));
            continue;
        }
        rapidjson::Document doc;
        doc.Parse(done.meta.constData(), static_cast<size_t>(done.meta.size()));
        if (doc.HasParseError() || !CharlesTransaction::looksLikeTransaction(doc)) {
            sink.addWarning(doc.HasParseError()
                    ? QStringLiteral("transaction %1: its meta JSON is broken at byte %2 (%3); skipped")
                          .arg(number)
                          .arg(doc.GetErrorOffset())
                          .arg(QString::fromUtf8(rapidjson::GetParseError_En(doc.GetParseError())))
                    : QStringLiteral("transaction %1: its meta JSON is not a Charles transaction; skipped")
                          .arg(number));
            continue;
        }
        QStringList notes;
        bool lossyText = false;
        Data::Flow f = CharlesTransaction::toFlow(doc, done.bodies, notes, lossyText);
        if (done.cut) {
            f.flags |= Data::BodyTruncated;
            notes.append(QStringLiteral("has a body larger than 1 GiB; only its start was read"));
        }
        f.sourceRef = QStringLiteral("chlz:transaction=%1").arg(number);
        for (const QString& note : notes)
            sink.addWarning(QStringLiteral("transaction %1 %2").arg(number).arg(note));
        lossy += lossyText ? 1 : 0;
        sink.addFlow(std::move(f));
        ++flows;
        if (!throttle.update(zip.position()))
            return cancel();
    }
    if (!zip.error().isEmpty())
        return fail(QStringLiteral("the zip archive is damaged: %1").arg(zip.error()));
    if (!anyMeta)
        return fail(kNotChlz);
    Data::CaptureInfo info;
    info.producer = QStringLiteral("Charles Proxy 5");
    info.notes = QStringLiteral("session archive (.chlz), %1 transactions").arg(flows);
    sink.setInfo(info);
    if (lossy > 0)
        sink.addWarning(
            QStringLiteral("%1 transactions have bodies stored as text that may not be byte-exact; they are "
                           "flagged as lossy")
                .arg(lossy));
    if (!throttle.finish())
        return cancel();
    return true;
}
