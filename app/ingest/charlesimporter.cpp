// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "charlesimporter.h"

#include "bytesource.h"
#include "charlestransaction.h"
#include "jsonrecords.h"

bool CharlesImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    BufferedInput buffered(input.stream);
    JsonRecordReader reader(buffered);
    ProgressThrottle throttle(progress, input.stream.fileSize());
    qint64 flows = 0;
    int lossy = 0;
    bool cancelled = false;
    const bool ok = reader.read([&](const rapidjson::Value& t, const JsonRecordReader::Position& where) {
        if (!CharlesTransaction::looksLikeTransaction(t)) {
            sink.addWarning(QStringLiteral("record %1 (line %2) is not a Charles transaction; skipped")
                                .arg(where.index)
                                .arg(where.line));
            return true;
        }
        QStringList notes;
        bool lossyText = false;
        Data::Flow f = CharlesTransaction::toFlow(t, {}, notes, lossyText);
        f.sourceRef = QStringLiteral("charles:[%1]").arg(where.index);
        for (const QString& note : notes)
            sink.addWarning(QStringLiteral("transaction %1 %2").arg(where.index).arg(note));
        lossy += lossyText ? 1 : 0;
        sink.addFlow(std::move(f));
        ++flows;
        if (!throttle.update(input.stream.filePosition())) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled)
        return cancel();
    if (!ok)
        return fail(reader.error());
    if (flows == 0 && reader.records() == 0)
        return fail(QStringLiteral("not a Charles session: the JSON holds no transactions"));
    if (flows == 0)
        return fail(QStringLiteral("not a Charles session: none of its %1 records is a Charles transaction")
                        .arg(reader.records()));
    Data::CaptureInfo info;
    info.producer = QStringLiteral("Charles Proxy");
    info.notes =
        reader.sawArray() ? QStringLiteral("JSON session") : QStringLiteral("JSON session, one transaction per line");
    sink.setInfo(info);
    if (reader.skippedValues() > 0)
        sink.addWarning(QStringLiteral("%1 values that are not objects were skipped").arg(reader.skippedValues()));
    if (reader.repairedSurrogates() > 0)
        sink.addWarning(QStringLiteral("%1 broken Unicode escapes (lone surrogates) were replaced by U+FFFD")
                            .arg(reader.repairedSurrogates()));
    if (lossy > 0)
        sink.addWarning(
            QStringLiteral("%1 transactions have bodies Charles exported as text that may not be byte-exact; "
                           "they are flagged as lossy")
                .arg(lossy));
    if (!throttle.finish())
        return cancel();
    return true;
}
