// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "zeeklog.h"

#include "bytesource.h"

#include <QSet>

#include <cstring>
#include <rapidjson/document.h>

namespace {

constexpr qsizetype kMaxLine = 64 << 20;

/// Zeek writes bytes it cannot print as \xHH (in the values and in the "#separator" line).
QByteArray unescape(QByteArrayView v)
{
    if (!v.contains("\\x"))
        return v.toByteArray();
    QByteArray out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 3 < v.size() && v[i + 1] == 'x') {
            bool ok = false;
            const int b = v.sliced(i + 2, 2).toInt(&ok, 16);
            if (ok) {
                out += static_cast<char>(b);
                i += 3;
                continue;
            }
        }
        out += v[i];
    }
    return out;
}

QList<QByteArray> split(const QByteArray& line, const QByteArray& separator)
{
    // An empty separator (a header such as "#set_separator,," under a comma separator) would match everywhere
    // and never advance: found by fuzz/zeek as an endless loop filling memory.
    if (separator.isEmpty())
        return { line };
    QList<QByteArray> out;
    qsizetype start = 0;
    for (;;) {
        const qsizetype at = line.indexOf(separator, start);
        if (at < 0) {
            out.append(line.mid(start));
            return out;
        }
        out.append(line.mid(start, at - start));
        start = at + separator.size();
    }
}

QByteArray jsonScalar(const rapidjson::Value& v)
{
    if (v.IsString())
        return QByteArray(v.GetString(), static_cast<qsizetype>(v.GetStringLength()));
    if (v.IsBool())
        return v.GetBool() ? QByteArrayLiteral("T") : QByteArrayLiteral("F");
    if (v.IsInt64())
        return QByteArray::number(static_cast<qlonglong>(v.GetInt64()));
    if (v.IsUint64())
        return QByteArray::number(static_cast<qulonglong>(v.GetUint64()));
    if (v.IsNumber())
        return QByteArray::number(v.GetDouble(), 'f', 6);
    return {};
}

void flatten(const rapidjson::Value& object, const QByteArray& prefix, ZeekRow& row)
{
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
        const QByteArray key =
            prefix + QByteArray(it->name.GetString(), static_cast<qsizetype>(it->name.GetStringLength()));
        const rapidjson::Value& v = it->value;
        if (v.IsNull())
            continue;
        if (v.IsObject()) {
            flatten(v, key + '.', row);
        } else if (v.IsArray()) {
            QList<QByteArray> list;
            for (const auto& e : v.GetArray()) {
                if (!e.IsNull() && !e.IsObject() && !e.IsArray())
                    list.append(jsonScalar(e));
            }
            row.fields.insert(key, list);
        } else {
            row.fields.insert(key, { jsonScalar(v) });
        }
    }
}

bool anyOf(const QSet<QByteArray>& have, std::initializer_list<const char*> names)
{
    for (const char* n : names) {
        if (have.contains(QByteArray(n)))
            return true;
    }
    return false;
}

} // namespace

qint64 ZeekRow::number(const QByteArray& name, qint64 fallback) const
{
    bool ok = false;
    const qint64 n = value(name).toLongLong(&ok);
    return ok ? n : fallback;
}

ZeekLogReader::ZeekLogReader(ByteSource& source)
    : m_source(source)
    , m_in(std::make_unique<BufferedInput>(source))
{ }

ZeekLogReader::~ZeekLogReader() = default;

qint64 ZeekLogReader::position() const
{
    return m_source.filePosition();
}

void ZeekLogReader::problem(const QString& what)
{
    ++m_skipped;
    if (m_problems.size() < 20)
        m_problems.append(what);
}

bool ZeekLogReader::readLine(QByteArray& line)
{
    line.clear();
    for (;;) {
        const qsizetype have = m_in->available() > 0 ? m_in->available() : m_in->fill(1);
        if (have == 0) {
            if (m_in->failed()) {
                m_error = QStringLiteral("cannot read the file: %1").arg(m_source.errorString());
                return false;
            }
            if (line.isEmpty())
                return false;
            break;
        }
        const char* p = m_in->data();
        const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(have)));
        const qsizetype take = nl ? nl - p : have;
        if (line.size() + take > kMaxLine) {
            m_error = QStringLiteral("line %1 is longer than %2 MiB").arg(m_line + 1).arg(kMaxLine >> 20);
            return false;
        }
        line.append(p, take);
        m_in->consume(nl ? take + 1 : take);
        if (nl)
            break;
    }
    ++m_line;
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

QString ZeekLogReader::kindFromColumns(const QList<QByteArray>& columns)
{
    const QSet<QByteArray> have(columns.cbegin(), columns.cend());
    if (have.contains("proto")
        && anyOf(have, { "conn_state", "orig_bytes", "resp_bytes", "history", "service", "duration" }))
        return QStringLiteral("conn");
    if (have.contains("method") && anyOf(have, { "uri", "trans_depth", "status_code", "user_agent" }))
        return QStringLiteral("http");
    if (have.contains("query") && anyOf(have, { "answers", "qtype", "qtype_name", "rcode", "trans_id" }))
        return QStringLiteral("dns");
    if (have.contains("client_initial_dcid") || (have.contains("server_name") && have.contains("client_protocol")))
        return QStringLiteral("quic");
    if (anyOf(have, { "server_name", "ssl_history", "cert_chain_fuids", "cert_chain_fps" })
        || (have.contains("cipher") && have.contains("version") && have.contains("established")))
        return QStringLiteral("ssl");
    if (have.contains("fuid") && anyOf(have, { "mime_type", "seen_bytes", "total_bytes", "sha256", "md5" }))
        return QStringLiteral("files");
    return {};
}

bool ZeekLogReader::open()
{
    QByteArray line;
    bool sawHeader = false;
    while (readLine(line)) {
        if (line.trimmed().isEmpty())
            continue;
        if (line.startsWith("###")) // BTest baselines start with a comment line of their own
            continue;
        if (line.startsWith("#separator")) {
            m_separator = unescape(line.mid(10).trimmed());
            if (m_separator.isEmpty())
                m_separator = "\t";
            sawHeader = true;
            continue;
        }
        if (line.startsWith('#')) {
            sawHeader = true;
            QList<QByteArray> parts = split(line, m_separator);
            // Hand-edited headers sometimes use spaces after the directive ("#open 2024-…").
            if (parts.size() == 1 && line.contains(' '))
                parts = split(line, " ");
            const QByteArray directive = parts.takeFirst();
            if (directive == "#set_separator" && !parts.isEmpty() && !unescape(parts.first()).isEmpty())
                m_setSeparator = unescape(parts.first());
            else if (directive == "#empty_field" && !parts.isEmpty())
                m_emptyField = unescape(parts.first());
            else if (directive == "#unset_field" && !parts.isEmpty())
                m_unsetField = unescape(parts.first());
            else if (directive == "#path" && !parts.isEmpty())
                m_path = QString::fromUtf8(parts.first());
            else if (directive == "#fields")
                m_columns = parts;
            else if (directive == "#types") {
                m_isList.clear();
                for (const QByteArray& t : parts)
                    m_isList.append(t.startsWith("set[") || t.startsWith("vector["));
            }
            continue;
        }
        if (!sawHeader && line.trimmed().startsWith('{')) {
            m_json = true;
            ZeekRow first;
            if (!parseJsonRow(line, first)) {
                m_error = QStringLiteral("line %1 is not a JSON object").arg(m_line);
                return false;
            }
            m_columns = first.fields.keys();
            std::sort(m_columns.begin(), m_columns.end());
            m_path = first.text("_path");
            if (m_path.isEmpty())
                m_path = first.text("path");
        }
        m_pending = line;
        m_pendingLine = m_line;
        m_havePending = true;
        break;
    }
    if (!m_error.isEmpty())
        return false;
    if (!m_json && m_columns.isEmpty()) {
        m_error = sawHeader
            ? QStringLiteral("not a usable Zeek log: its header has no #fields line, so the columns are unknown")
            : QStringLiteral("not a Zeek log: it has neither a #fields header nor JSON rows");
        return false;
    }
    while (m_isList.size() < m_columns.size())
        m_isList.append(false);
    QString path = m_path;
    if (path.startsWith(u"open_")) // the open-connection logging package writes open_conn, open_http, open_ssl
        path = path.mid(5);
    static const QStringList known { QStringLiteral("conn"), QStringLiteral("http"), QStringLiteral("dns"),
        QStringLiteral("ssl"), QStringLiteral("quic"), QStringLiteral("files") };
    m_kind = known.contains(path) ? path : kindFromColumns(m_columns);
    if (m_kind.isEmpty() && !path.isEmpty() && path != u"-")
        m_kind = path;
    return true;
}

bool ZeekLogReader::parseTsvRow(const QByteArray& line, ZeekRow& row)
{
    const QList<QByteArray> values = split(line, m_separator);
    if (values.size() != m_columns.size()) {
        problem(
            QStringLiteral("line %1 has %2 of %3 fields%4; skipped")
                .arg(m_line)
                .arg(values.size())
                .arg(m_columns.size())
                .arg(values.size() < m_columns.size() ? QStringLiteral(" (the file may end mid-record)") : QString()));
        return false;
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QByteArray& v = values[i];
        if (v == m_unsetField)
            continue;
        QList<QByteArray> list;
        if (v == m_emptyField && m_isList[i]) {
            // an empty set or vector
        } else if (m_isList[i]) {
            for (const QByteArray& e : split(v, m_setSeparator))
                list.append(unescape(e));
        } else {
            list.append(v == m_emptyField ? QByteArray("") : unescape(v));
        }
        row.fields.insert(m_columns[i], list);
    }
    return true;
}

bool ZeekLogReader::parseJsonRow(const QByteArray& line, ZeekRow& row)
{
    rapidjson::Document doc;
    doc.Parse(line.constData(), static_cast<size_t>(line.size()));
    if (doc.HasParseError() || !doc.IsObject())
        return false;
    flatten(doc, {}, row);
    return true;
}

bool ZeekLogReader::next(ZeekRow& row)
{
    QByteArray line;
    for (;;) {
        row = ZeekRow();
        qint64 lineNumber;
        if (m_havePending) {
            line = std::move(m_pending);
            m_havePending = false;
            lineNumber = m_pendingLine;
        } else {
            if (!readLine(line))
                return false;
            lineNumber = m_line;
        }
        row.line = lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        if (!m_json && line.startsWith('#')) {
            // Concatenated logs repeat their header; a new "#fields" replaces the columns.
            QList<QByteArray> parts = split(line, m_separator);
            const QByteArray directive = parts.takeFirst();
            if (directive == "#fields")
                m_columns = parts;
            else if (directive == "#types") {
                m_isList.clear();
                for (const QByteArray& t : parts)
                    m_isList.append(t.startsWith("set[") || t.startsWith("vector["));
            }
            while (m_isList.size() < m_columns.size())
                m_isList.append(false);
            continue;
        }
        if (m_json) {
            if (!parseJsonRow(line, row)) {
                problem(QStringLiteral("line %1 is not a JSON object; skipped").arg(lineNumber));
                continue;
            }
            return true;
        }
        if (parseTsvRow(line, row))
            return true;
    }
}
