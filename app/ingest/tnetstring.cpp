// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tnetstring.h"

#include "bytesource.h"
#include "common/numbers.h"

#include <cstring>
#include <limits>

namespace {

constexpr int kMaxDigits = 12; // mitmproxy's reader refuses longer length prefixes too

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

QString tagName(char tag)
{
    if (tag >= 0x21 && tag < 0x7F)
        return QStringLiteral("'%1'").arg(QLatin1Char(tag));
    return QStringLiteral("byte 0x%1").arg(static_cast<unsigned char>(tag), 2, 16, QLatin1Char('0'));
}

} // namespace

// ---- TnValue ------------------------------------------------------------------------------------------------

const TnValue* TnValue::get(QByteArrayView key) const
{
    if (type != Dict)
        return nullptr;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].isText() && QByteArrayView(items[i].bytes) == key)
            return &items[i + 1];
    }
    return nullptr;
}

TnValue* TnValue::get(QByteArrayView key)
{
    return const_cast<TnValue*>(static_cast<const TnValue*>(this)->get(key));
}

QString TnValue::text() const
{
    if (isText())
        return QString::fromUtf8(bytes);
    if (type == Int)
        return QString::number(integer);
    if (type == Float)
        return QString::number(number, 'g', 17);
    return {};
}

double TnValue::toDouble(double fallback) const
{
    switch (type) {
    case Int:
        return static_cast<double>(integer);
    case Float:
        return number;
    case Bytes:
    case String: {
        bool ok = false;
        const double d = bytes.toDouble(&ok);
        return ok ? d : fallback;
    }
    default:
        return fallback;
    }
}

qint64 TnValue::toInt(qint64 fallback) const
{
    switch (type) {
    case Int:
        return integer;
    case Float:
        return Numbers::toInteger<qint64>(number).value_or(fallback);
    case Bytes:
    case String: {
        bool ok = false;
        const qint64 i = bytes.trimmed().toLongLong(&ok);
        return ok ? i : fallback;
    }
    default:
        return fallback;
    }
}

bool TnValue::truthy() const
{
    switch (type) {
    case Bool:
        return boolean;
    case Int:
        return integer != 0;
    case Float:
        return number != 0;
    case Bytes:
    case String:
        return !bytes.isEmpty();
    case List:
    case Dict:
        return !items.empty();
    case Null:
        break;
    }
    return false;
}

void TnValue::serialiseTo(QByteArray& out) const
{
    auto put = [&out](const QByteArray& payload, char tag) {
        out += QByteArray::number(payload.size());
        out += ':';
        out += payload;
        out += tag;
    };
    switch (type) {
    case Null:
        out += "0:~";
        return;
    case Bool:
        out += boolean ? QByteArrayView("4:true!") : QByteArrayView("5:false!");
        return;
    case Int:
        put(QByteArray::number(integer), '#');
        return;
    case Float:
        put(QByteArray::number(number, 'g', 17), '^');
        return;
    case Bytes:
        put(bytes, ',');
        return;
    case String:
        put(bytes, ';');
        return;
    case List:
    case Dict: {
        QByteArray inner;
        for (const TnValue& item : items)
            item.serialiseTo(inner);
        put(inner, type == List ? ']' : '}');
        return;
    }
    }
}

QByteArray TnValue::serialise() const
{
    QByteArray out;
    serialiseTo(out);
    return out;
}

TnValue TnValue::makeBytes(QByteArray b, Type t)
{
    TnValue v;
    v.type = t;
    v.bytes = std::move(b);
    return v;
}

TnValue TnValue::makeInt(qint64 i)
{
    TnValue v;
    v.type = Int;
    v.integer = i;
    return v;
}

TnValue TnValue::makeFloat(double d)
{
    TnValue v;
    v.type = Float;
    v.number = d;
    return v;
}

TnValue TnValue::makeBool(bool b)
{
    TnValue v;
    v.type = Bool;
    v.boolean = b;
    return v;
}

TnValue TnValue::makeList(std::vector<TnValue> items)
{
    TnValue v;
    v.type = List;
    v.items = std::move(items);
    return v;
}

TnValue TnValue::makeDict()
{
    TnValue v;
    v.type = Dict;
    return v;
}

TnValue& TnValue::insert(QByteArrayView key, TnValue v)
{
    items.push_back(makeBytes(key.toByteArray(), String));
    items.push_back(std::move(v));
    return items.back();
}

// ---- TnetstringReader ---------------------------------------------------------------------------------------

TnetstringReader::TnetstringReader(BufferedInput& input)
    : m_in(input)
{ }

TnetstringReader::TnetstringReader(BufferedInput& input, const Limits& limits)
    : m_in(input)
    , m_limits(limits)
{ }

bool TnetstringReader::fail(const QString& what, qint64 at)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("byte offset %1: %2").arg(at).arg(what);
    return false;
}

void TnetstringReader::consume(qsizetype n)
{
    if (m_speculating > 0 && !m_journalOverflow) {
        if (m_journal.size() + n > kJournalLimit)
            m_journalOverflow = true;
        else
            m_journal.append(m_in.data(), n);
    }
    m_in.consume(n);
}

bool TnetstringReader::atEnd()
{
    for (;;) {
        const int c = m_in.peek();
        if (c < 0)
            return true;
        if (!isSpace(static_cast<char>(c)))
            return false;
        m_in.consume(1);
    }
}

bool TnetstringReader::readHeader(qint64 available, Header& h, bool& notAHeader)
{
    notAHeader = false;
    const qint64 at = m_in.offset();
    h = Header();
    const qsizetype have = m_in.fill(kMaxDigits + 1);
    const char* p = m_in.data();
    qsizetype i = 0;
    while (i < have && i < available && isDigit(p[i]) && i <= kMaxDigits)
        ++i;
    if (i == 0 || i > kMaxDigits || i >= have || i >= available || p[i] != ':') {
        notAHeader = true;
        if (have == 0)
            return fail(QStringLiteral("the file ends where a value should start"), at);
        if (i > kMaxDigits)
            return fail(QStringLiteral("a length prefix longer than %1 digits").arg(kMaxDigits), at);
        if (i >= have && m_in.failed())
            return fail(QStringLiteral("cannot read the file: %1").arg(m_in.source().errorString()), at);
        if (i >= have)
            return fail(QStringLiteral("the file ends inside a length prefix"), at);
        return fail(QStringLiteral("expected a length prefix (digits and ':'), found %1").arg(tagName(p[i])), at);
    }
    h.length = QByteArrayView(p, i).toLongLong();
    h.digits = i;
    if (h.digits + 1 + h.length + 1 > available) {
        notAHeader = true;
        return fail(
            QStringLiteral("a value of %1 bytes runs past the end of the value that holds it").arg(h.length), at);
    }
    consume(i + 1);
    return true;
}

bool TnetstringReader::next(TnValue& out)
{
    out = TnValue();
    if (atEnd())
        return fail(QStringLiteral("no more values"), m_in.offset());
    m_valueOffset = m_in.offset();
    return parseValue(out, std::numeric_limits<qint64>::max(), 0, false);
}

bool TnetstringReader::nextShallow(TnValue& out, const std::function<bool(QByteArrayView)>& wanted)
{
    out = TnValue::makeDict();
    if (atEnd())
        return fail(QStringLiteral("no more values"), m_in.offset());
    m_valueOffset = m_in.offset();
    Header h;
    bool notAHeader = false;
    if (!readHeader(std::numeric_limits<qint64>::max(), h, notAHeader))
        return false;
    const qint64 payloadStart = m_in.offset();
    if (h.length > 0 && (m_in.fill(1) < 1 || !isDigit(*m_in.data()))) {
        // Not a container: find its type tag to say what it is.
        for (qint64 remaining = h.length; remaining > 0;) {
            const qsizetype have = m_in.available() > 0 ? m_in.available() : m_in.fill(1);
            if (have == 0)
                return fail(QStringLiteral("the file ends inside a value of %1 bytes (it is truncated)").arg(h.length),
                    m_valueOffset);
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(have, remaining));
            consume(take);
            remaining -= take;
        }
        const int tag = m_in.peek();
        if (tag < 0)
            return fail(QStringLiteral("the file ends before the type tag of a value of %1 bytes").arg(h.length),
                m_valueOffset);
        return fail(QStringLiteral("expected a dictionary, found a value with the type tag %1")
                        .arg(tagName(static_cast<char>(tag))),
            m_valueOffset);
    }
    qint64 consumed = 0;
    bool isKey = true;
    bool keep = false;
    while (consumed < h.length) {
        TnValue item;
        if (!parseValue(item, h.length - consumed, 1, !isKey && !keep))
            return false;
        if (isKey) {
            keep = item.isText() && wanted(QByteArrayView(item.bytes));
            out.items.push_back(std::move(item));
        } else {
            out.items.push_back(keep ? std::move(item) : TnValue());
        }
        isKey = !isKey;
        consumed = m_in.offset() - payloadStart;
    }
    const int tag = m_in.get();
    if (tag != '}')
        return fail(tag < 0
                ? QStringLiteral("the file ends before the end of this value")
                : QStringLiteral("expected a dictionary, found the type tag %1").arg(tagName(static_cast<char>(tag))),
            m_valueOffset);
    if (!isKey)
        return fail(QStringLiteral("a dictionary with a key but no value"), m_valueOffset);
    return true;
}

bool TnetstringReader::parseValue(TnValue& out, qint64 available, int depth, bool skip)
{
    if (depth > m_limits.maxDepth) {
        m_fatal = true; // not something reading the value as bytes instead could repair
        return fail(QStringLiteral("values nested more than %1 deep").arg(m_limits.maxDepth), m_in.offset());
    }
    Header h;
    bool notAHeader = false;
    if (!readHeader(available, h, notAHeader))
        return false;
    const qint64 at = m_in.offset();
    if (h.length + 1 <= m_limits.inMemory) {
        const qsizetype total = static_cast<qsizetype>(h.length + 1);
        if (m_in.fill(total) < total) {
            if (m_in.failed())
                return fail(QStringLiteral("cannot read the file: %1").arg(m_in.source().errorString()), at);
            return fail(QStringLiteral("the file ends inside a value of %1 bytes (it is truncated)").arg(h.length), at);
        }
        const char* p = m_in.data();
        if (!parseBuffered(p, h.length, p[h.length], out, depth, skip, at))
            return false;
        consume(total);
        return true;
    }
    return parseStreamed(h, out, depth, skip);
}

bool TnetstringReader::parseScalar(const char* p, qint64 length, char tag, TnValue& out, qint64 at)
{
    const QByteArrayView payload(p, static_cast<qsizetype>(length));
    switch (tag) {
    case ',':
    case ';':
        out.type = tag == ',' ? TnValue::Bytes : TnValue::String;
        if (length > m_limits.maxBytes) {
            out.bytes = payload.first(static_cast<qsizetype>(m_limits.maxBytes)).toByteArray();
            out.fullSize = length;
            ++m_truncated;
        } else {
            out.bytes = payload.toByteArray();
        }
        return true;
    case '#': {
        bool ok = false;
        out.type = TnValue::Int;
        out.integer = payload.toLongLong(&ok);
        if (!ok) {
            // Python ints are unbounded; keep what fits rather than refusing the whole file.
            out.type = TnValue::Float;
            out.number = payload.toDouble(&ok);
        }
        return ok || fail(QStringLiteral("an invalid integer"), at);
    }
    case '^': {
        bool ok = false;
        out.type = TnValue::Float;
        out.number = payload.toDouble(&ok);
        return ok || fail(QStringLiteral("an invalid float"), at);
    }
    case '!':
        out.type = TnValue::Bool;
        if (payload == "true")
            out.boolean = true;
        else if (payload == "false")
            out.boolean = false;
        else
            return fail(QStringLiteral("an invalid boolean"), at);
        return true;
    case '~':
        if (length != 0)
            return fail(QStringLiteral("a null with a payload"), at);
        out.type = TnValue::Null;
        return true;
    default:
        return fail(QStringLiteral("an unknown type tag %1").arg(tagName(tag)), at + length);
    }
}

bool TnetstringReader::parseBuffered(
    const char* p, qint64 length, char tag, TnValue& out, int depth, bool skip, qint64 at)
{
    if (skip) {
        out = TnValue();
        out.fullSize = length;
        return true;
    }
    if (tag != ']' && tag != '}')
        return parseScalar(p, length, tag, out, at);
    if (depth > m_limits.maxDepth) {
        m_fatal = true;
        return fail(QStringLiteral("values nested more than %1 deep").arg(m_limits.maxDepth), at);
    }
    out.type = tag == ']' ? TnValue::List : TnValue::Dict;
    const char* end = p + length;
    const char* q = p;
    bool isKey = true;
    bool skipNext = false;
    while (q < end) {
        const qint64 itemAt = at + (q - p);
        qsizetype i = 0;
        while (q + i < end && isDigit(q[i]) && i <= kMaxDigits)
            ++i;
        if (i == 0 || i > kMaxDigits || q + i >= end || q[i] != ':')
            return fail(QStringLiteral("expected a length prefix inside a %1")
                            .arg(tag == ']' ? QStringLiteral("list") : QStringLiteral("dictionary")),
                itemAt);
        const qint64 len = QByteArrayView(q, i).toLongLong();
        const char* payload = q + i + 1;
        if (len > end - payload - 1)
            return fail(
                QStringLiteral("a value of %1 bytes runs past the end of the value that holds it").arg(len), itemAt);
        TnValue item;
        const bool skipThis = out.type == TnValue::Dict && !isKey && skipNext;
        if (!parseBuffered(payload, len, payload[len], item, depth + 1, skipThis, itemAt + i + 1))
            return false;
        if (out.type == TnValue::Dict) {
            if (isKey)
                skipNext = m_skipKey && item.isText() && m_skipKey(depth, QByteArrayView(item.bytes));
            isKey = !isKey;
        }
        out.items.push_back(std::move(item));
        q = payload + len + 1;
    }
    if (out.type == TnValue::Dict && !isKey)
        return fail(QStringLiteral("a dictionary with a key but no value"), at);
    return true;
}

bool TnetstringReader::readBigBytes(qint64 length, QByteArray prefix, TnValue& out, bool skip)
{
    const qint64 at = m_in.offset() - prefix.size();
    qint64 remaining = length - prefix.size();
    const qint64 keep = skip ? 0 : std::min(length, m_limits.maxBytes);
    QByteArray data = std::move(prefix);
    if (data.size() > keep)
        data.truncate(static_cast<qsizetype>(keep));
    if (keep > data.size())
        data.reserve(static_cast<qsizetype>(keep));
    while (remaining > 0) {
        const qsizetype have = m_in.available() > 0 ? m_in.available() : m_in.fill(1);
        if (have == 0) {
            if (m_in.failed())
                return fail(QStringLiteral("cannot read the file: %1").arg(m_in.source().errorString()), m_in.offset());
            return fail(QStringLiteral("the file ends inside a value of %1 bytes (it is truncated)").arg(length), at);
        }
        const qsizetype take = static_cast<qsizetype>(std::min<qint64>(have, remaining));
        const qint64 room = keep - data.size();
        if (room > 0)
            data.append(m_in.data(), static_cast<qsizetype>(std::min<qint64>(room, take)));
        consume(take);
        remaining -= take;
    }
    const int tag = m_in.peek();
    if (tag < 0)
        return fail(
            QStringLiteral("the file ends before the type tag of a value of %1 bytes").arg(length), m_in.offset());
    consume(1);
    if (skip) {
        out = TnValue();
        out.fullSize = length;
        return true;
    }
    if (tag != ',' && tag != ';')
        return fail(
            QStringLiteral("a value of %1 bytes with the type tag %2").arg(length).arg(tagName(static_cast<char>(tag))),
            at);
    out.type = tag == ',' ? TnValue::Bytes : TnValue::String;
    out.bytes = std::move(data);
    if (length > m_limits.maxBytes) {
        out.fullSize = length;
        ++m_truncated;
    }
    return true;
}

bool TnetstringReader::parseStreamed(const Header& h, TnValue& out, int depth, bool skip)
{
    const qint64 payloadStart = m_in.offset();
    if (m_in.fill(1) < 1)
        return fail(
            QStringLiteral("the file ends inside a value of %1 bytes (it is truncated)").arg(h.length), payloadStart);
    // What we skip needs no type: the length says where it ends.
    if (skip || !isDigit(*m_in.data()))
        return readBigBytes(h.length, {}, out, skip);

    // A large value that starts with a digit: read it as a container on trust (see the class comment).
    ++m_speculating;
    const qsizetype journalStart = m_journal.size();
    const bool journalWasIntact = !m_journalOverflow;
    auto endSpeculation = [&] {
        if (--m_speculating == 0) {
            m_journal.clear();
            m_journalOverflow = false;
        }
    };
    std::vector<TnValue> items;
    bool isKey = true;
    bool skipNext = false;
    bool structured = true;
    while (m_in.offset() - payloadStart < h.length) {
        TnValue item;
        const bool skipThis = !isKey && skipNext;
        const QString errorBefore = m_error;
        if (!parseValue(item, h.length - (m_in.offset() - payloadStart), depth + 1, skipThis)) {
            if (m_fatal || m_in.failed() || m_in.fill(1) == 0) {
                endSpeculation();
                return false; // a read error or the end of the file: nothing to recover
            }
            m_error = errorBefore;
            structured = false;
            break;
        }
        if (isKey)
            skipNext = m_skipKey && item.isText() && m_skipKey(depth, QByteArrayView(item.bytes));
        isKey = !isKey;
        items.push_back(std::move(item));
    }
    if (structured) {
        const int tag = m_in.peek();
        if (tag < 0) {
            endSpeculation();
            return fail(QStringLiteral("the file ends before the type tag of a value of %1 bytes").arg(h.length),
                m_in.offset());
        }
        if (tag == ']' || tag == '}') {
            consume(1);
            endSpeculation();
            if (tag == '}' && items.size() % 2 != 0)
                return fail(QStringLiteral("a dictionary with a key but no value"), payloadStart);
            out.type = tag == ']' ? TnValue::List : TnValue::Dict;
            out.items = std::move(items);
            return true;
        }
        if (tag != ',' && tag != ';') {
            endSpeculation();
            return fail(QStringLiteral("a value of %1 bytes with the type tag %2")
                            .arg(h.length)
                            .arg(tagName(static_cast<char>(tag))),
                payloadStart);
        }
    }
    // It was a byte string after all: recover the bytes consumed so far, then read the rest of it.
    QByteArray consumed;
    const qint64 consumedCount = m_in.offset() - payloadStart;
    if (journalWasIntact && !m_journalOverflow) {
        consumed = m_journal.mid(journalStart);
    } else if (structured) {
        for (const TnValue& item : items)
            item.serialiseTo(consumed);
        if (consumed.size() != consumedCount) {
            endSpeculation();
            return fail(
                QStringLiteral("a byte string of %1 bytes that cannot be recovered").arg(h.length), payloadStart);
        }
    } else {
        endSpeculation();
        return fail(QStringLiteral("a value of %1 bytes that is neither a valid container nor recoverable as bytes")
                        .arg(h.length),
            payloadStart);
    }
    items.clear();
    const bool ok = readBigBytes(h.length, std::move(consumed), out, false);
    endSpeculation();
    return ok;
}
