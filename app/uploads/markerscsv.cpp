// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "markerscsv.h"

#include "common/timeutil.h"

#include <QRegularExpression>
#include <QStringDecoder>

namespace MarkersCsv {

namespace {

struct Record
{
    int line = 0; ///< the line the record starts on (1-based)
    QStringList fields;
};

/// RFC 4180 records. Written by hand: the format is tiny, and the errors must name the line, which a general
/// CSV library would not do for us. Accepts CRLF and LF line ends and a missing final line end.
bool split(const QString& text, std::vector<Record>* records, QString* error)
{
    qsizetype i = 0;
    int line = 1;
    const qsizetype n = text.size();
    while (i < n) {
        Record r;
        r.line = line;
        QString field;
        bool done = false;
        while (!done) {
            field.clear();
            if (i < n && text[i] == u'"') {
                const int quoteLine = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    const QChar c = text[i];
                    if (c == u'"') {
                        if (i + 1 < n && text[i + 1] == u'"') {
                            field += u'"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == u'\n')
                        ++line;
                    field += c;
                    ++i;
                }
                if (!closed) {
                    *error = QStringLiteral("line %1: a quoted field is not closed (missing \")").arg(quoteLine);
                    return false;
                }
                if (i < n && text[i] != u',' && text[i] != u'\n' && text[i] != u'\r') {
                    *error = QStringLiteral("line %1: unexpected text after a closing quote; write a quote inside "
                                            "a quoted field as \"\"")
                                 .arg(line);
                    return false;
                }
            } else {
                while (i < n && text[i] != u',' && text[i] != u'\n' && text[i] != u'\r') {
                    if (text[i] == u'"') {
                        *error = QStringLiteral("line %1: a quote inside an unquoted field; put the field in "
                                                "double quotes and write the quote as \"\"")
                                     .arg(line);
                        return false;
                    }
                    field += text[i++];
                }
            }
            r.fields.append(field);
            if (i < n && text[i] == u',') {
                ++i;
                continue;
            }
            // End of record: CRLF, LF, a lone CR, or the end of the text.
            if (i < n && text[i] == u'\r')
                ++i;
            if (i < n && text[i] == u'\n')
                ++i;
            ++line;
            done = true;
        }
        records->push_back(std::move(r));
    }
    return true;
}

bool blank(const Record& r)
{
    return r.fields.size() == 1 && r.fields.first().trimmed().isEmpty();
}

} // namespace

bool hasExplicitOffset(QStringView text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)$)"));
    return re.match(text.trimmed().toString()).hasMatch();
}

std::optional<std::vector<Data::Marker>> parse(QByteArrayView csv, QString* error)
{
    if (csv.size() > MaxBytes) {
        *error = QStringLiteral("the file is larger than %1 MiB; a markers file has one line per user action")
                     .arg(MaxBytes / (1024 * 1024));
        return std::nullopt;
    }
    if (csv.startsWith("\xEF\xBB\xBF"))
        csv = csv.sliced(3);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(csv);
    if (utf8.hasError()) {
        // The line of the first invalid byte, for the message: where the decoder put its first replacement
        // character (a file that holds U+FFFD itself still gets a line, perhaps an earlier one).
        const qsizetype bad = text.indexOf(QChar(QChar::ReplacementCharacter));
        const int line = 1 + static_cast<int>(text.left(std::max<qsizetype>(0, bad)).count(u'\n'));
        *error = QStringLiteral("line %1: not valid UTF-8 text").arg(line);
        return std::nullopt;
    }
    if (text.contains(QChar(0))) {
        *error = QStringLiteral("the file contains NUL bytes; it is not a CSV text file");
        return std::nullopt;
    }
    std::vector<Record> records;
    if (!split(text, &records, error))
        return std::nullopt;
    // Leading blank lines are tolerated; the first non-blank record is the header.
    size_t first = 0;
    while (first < records.size() && blank(records[first]))
        ++first;
    if (first == records.size()) {
        *error = QStringLiteral("the file is empty; expected the header line \"timestamp,label,note\"");
        return std::nullopt;
    }
    const Record& header = records[first];
    QStringList names;
    for (const QString& f : header.fields)
        names.append(f.trimmed().toLower());
    if (names.size() < 2 || names.size() > 3 || names[0] != u"timestamp" || names[1] != u"label"
        || (names.size() == 3 && names[2] != u"note")) {
        *error = QStringLiteral("line %1: the header must be \"timestamp,label\" or \"timestamp,label,note\", not "
                                "\"%2\"")
                     .arg(header.line)
                     .arg(header.fields.join(QLatin1Char(',')).left(80));
        return std::nullopt;
    }
    const bool hasNote = names.size() == 3;
    std::vector<Data::Marker> out;
    for (size_t k = first + 1; k < records.size(); ++k) {
        const Record& r = records[k];
        if (blank(r))
            continue;
        if (r.fields.size() != names.size()) {
            *error =
                QStringLiteral("line %1: %2 field(s), the header has %3%4")
                    .arg(r.line)
                    .arg(r.fields.size())
                    .arg(names.size())
                    .arg(r.fields.size() > names.size() ? QStringLiteral(" (put a text with commas in double quotes)")
                                                        : QString());
            return std::nullopt;
        }
        const QString stamp = r.fields[0].trimmed();
        if (!hasExplicitOffset(stamp)) {
            *error = QStringLiteral("line %1: \"%2\" is not an ISO-8601 time with a UTC offset or Z (e.g. "
                                    "2026-11-20T14:03:05.250Z)")
                         .arg(r.line)
                         .arg(stamp.left(60));
            return std::nullopt;
        }
        const auto ts = TimeUtil::parseIso8601(stamp);
        if (!ts || *ts <= 0) {
            *error = QStringLiteral("line %1: \"%2\" is not a valid date and time").arg(r.line).arg(stamp.left(60));
            return std::nullopt;
        }
        Data::Marker m;
        m.ts = *ts;
        m.label = r.fields[1].trimmed();
        if (m.label.isEmpty()) {
            *error = QStringLiteral("line %1: the label is empty").arg(r.line);
            return std::nullopt;
        }
        if (m.label.size() > MaxLabelLength) {
            *error = QStringLiteral("line %1: the label is longer than %2 characters").arg(r.line).arg(MaxLabelLength);
            return std::nullopt;
        }
        if (hasNote) {
            m.note = r.fields[2].trimmed();
            if (m.note.size() > MaxNoteLength) {
                *error =
                    QStringLiteral("line %1: the note is longer than %2 characters").arg(r.line).arg(MaxNoteLength);
                return std::nullopt;
            }
        }
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

QString quoted(const QString& field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r')
        && field.trimmed() == field)
        return field;
    QString q = field;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
}

} // namespace

QByteArray write(const std::vector<Data::Marker>& markers)
{
    QString out = QStringLiteral("timestamp,label,note\r\n");
    for (const Data::Marker& m : markers)
        out += TimeUtil::formatIsoUtc(m.ts) + u',' + quoted(m.label) + u',' + quoted(m.note) + QStringLiteral("\r\n");
    return out.toUtf8();
}

} // namespace MarkersCsv
