// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

class BufferedInput;

/// One decoded tnetstring (mitmproxy's serialisation, research/formats-and-detection.md §2.1): a plain tree of
/// values. Dict entries keep the file's order; keys are compared as bytes whether they were written as
/// bytes (",", mitmproxy 0.x) or as str (";").
struct TnValue
{
    enum Type
    {
        Null,
        Bool,
        Int,
        Float,
        Bytes,
        String,
        List,
        Dict
    };
    Type type = Null;
    bool boolean = false;
    qint64 integer = 0;
    double number = 0;
    QByteArray bytes; ///< Bytes and String payloads (String is UTF-8)
    std::vector<TnValue> items; ///< List items, or Dict keys and values alternating
    /// For a byte string cut at the size limit: its real size. For a value skipped unread (it reads as Null):
    /// the length of its payload. Else -1.
    qint64 fullSize = -1;

    bool isNull() const
    {
        return type == Null;
    }
    bool isText() const
    {
        return type == Bytes || type == String;
    }
    bool isContainer() const
    {
        return type == List || type == Dict;
    }
    bool truncated() const
    {
        return fullSize >= 0 && isText();
    }
    bool skipped() const
    {
        return fullSize >= 0 && type == Null;
    }
    /// Dict lookup; nullptr when absent or when this is not a dict. A null value is returned (check isNull()).
    const TnValue* get(QByteArrayView key) const;
    TnValue* get(QByteArrayView key);
    /// A present, non-null member.
    const TnValue* value(QByteArrayView key) const
    {
        const TnValue* v = get(key);
        return v && !v->isNull() ? v : nullptr;
    }
    /// Bytes/String as text (bytes are decoded as UTF-8 with replacement, as mitmproxy's always_str does).
    QString text() const;
    /// Int, Float, or a number written as text; `fallback` otherwise.
    double toDouble(double fallback = 0) const;
    qint64 toInt(qint64 fallback = 0) const;
    /// Bool, or Int (0/1), or the mitmproxy 13+ string marks ("" is false).
    bool truthy() const;
    qsizetype size() const
    {
        return type == Dict ? static_cast<qsizetype>(items.size() / 2) : static_cast<qsizetype>(items.size());
    }
    const TnValue& at(qsizetype i) const
    {
        return items[static_cast<size_t>(i)];
    }
    /// The canonical encoding (mitmproxy's own writer is canonical), used by tests and the benchmark's generator.
    QByteArray serialise() const;
    void serialiseTo(QByteArray& out) const;

    static TnValue makeBytes(QByteArray b, Type t = Bytes);
    static TnValue makeInt(qint64 i);
    static TnValue makeFloat(double d);
    static TnValue makeBool(bool b);
    static TnValue makeList(std::vector<TnValue> items = {});
    static TnValue makeDict();
    /// Appends a key (written as str) and value to a dict.
    TnValue& insert(QByteArrayView key, TnValue v);
};

/// Reads top-level tnetstrings one after the other from a stream, with bounded memory.
///
/// Written by hand: no Debian library reads tnetstrings, and the format has a trap for streaming readers: the
/// type tag comes *after* the payload. Values up to a few MiB are buffered whole and parsed with their tag
/// known. A larger value is parsed as a container while it is being read (its first byte decides); if its
/// tag then says it was a byte string after all, its bytes are recovered from a bounded journal of what was
/// consumed (or by re-encoding, which is exact for mitmproxy's canonical output). Byte strings over
/// `maxBytes` keep their first `maxBytes` bytes and report their real size, so one huge body never needs
/// more memory than that.
class TnetstringReader
{
public:
    struct Limits
    {
        qsizetype inMemory = 8 << 20; ///< values up to this size are buffered whole
        qint64 maxBytes = qint64(1) << 30; ///< bytes kept of one byte string
        int maxDepth = 64;
    };
    explicit TnetstringReader(BufferedInput& input);
    TnetstringReader(BufferedInput& input, const Limits& limits);

    /// Decides, for a dict at `depth` (0 = top level) and a key, whether its value is read or skipped
    /// without being kept (a skipped value reads as Null). Lets an importer drop what it never uses.
    using SkipKey = std::function<bool(int depth, QByteArrayView key)>;
    void setSkipKey(SkipKey skip)
    {
        m_skipKey = std::move(skip);
    }

    /// True at the end of the stream (only trailing whitespace left, which some writers add).
    bool atEnd();
    /// Reads the next top-level value. Returns false on malformed input or a read error (error() says what and
    /// at which byte offset); the stream cannot be resumed after that.
    bool next(TnValue& out);
    /// Reads the next top-level value only up to the members of a top-level dict: `wanted(key)` members are
    /// decoded into `out` (a Dict), the others skipped. For fast index passes over large files.
    bool nextShallow(TnValue& out, const std::function<bool(QByteArrayView key)>& wanted);
    /// Offset of the value just read (or being read) in the stream.
    qint64 valueOffset() const
    {
        return m_valueOffset;
    }
    QString error() const
    {
        return m_error;
    }
    /// How many byte strings were cut at the limit so far.
    int truncatedStrings() const
    {
        return m_truncated;
    }

private:
    struct Header
    {
        qint64 length = 0;
        qsizetype digits = 0;
    };
    bool readHeader(qint64 available, Header& h, bool& notAHeader);
    bool parseValue(TnValue& out, qint64 available, int depth, bool skip);
    bool parseBuffered(const char* p, qint64 length, char tag, TnValue& out, int depth, bool skip, qint64 at);
    bool parseStreamed(const Header& h, TnValue& out, int depth, bool skip);
    bool parseScalar(const char* p, qint64 length, char tag, TnValue& out, qint64 at);
    bool readBigBytes(qint64 length, QByteArray prefix, TnValue& out, bool skip);
    void consume(qsizetype n);
    bool fail(const QString& what, qint64 at);

    BufferedInput& m_in;
    Limits m_limits;
    SkipKey m_skipKey;
    qint64 m_valueOffset = 0;
    QString m_error;
    int m_truncated = 0;
    // Journal of the bytes consumed while a large value is being read as a container on trust, so that it can
    // be re-read as a byte string if its tag says so. Bounded; overflow means "re-encode instead".
    int m_speculating = 0;
    QByteArray m_journal;
    bool m_journalOverflow = false;
    bool m_fatal = false; ///< an error that reading a value as bytes instead cannot repair (nesting too deep)
    static constexpr qsizetype kJournalLimit = 4 << 20;
};
