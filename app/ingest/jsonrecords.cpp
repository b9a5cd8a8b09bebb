// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonrecords.h"

#include "bytesource.h"
#include "jsonstream.h"

#include <cstring>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace {

/// Counts lines as RapidJSON consumes the input, for positions in messages and provenance.
class LineCountingStream
{
public:
    typedef char Ch;
    explicit LineCountingStream(JsonInputStream& inner)
        : m_inner(inner)
    { }
    Ch Peek()
    {
        return m_inner.Peek();
    }
    Ch Take()
    {
        const Ch c = m_inner.Take();
        if (c == '\n') {
            ++m_line;
            m_lineStart = m_inner.Tell();
        }
        return c;
    }
    size_t Tell() const
    {
        return m_inner.Tell();
    }
    Ch* PutBegin()
    {
        return nullptr;
    }
    void Put(Ch) { }
    void Flush() { }
    size_t PutEnd(Ch*)
    {
        return 0;
    }
    qint64 line() const
    {
        return m_line;
    }
    qint64 column(size_t offset) const
    {
        return static_cast<qint64>(offset) - static_cast<qint64>(m_lineStart) + 1;
    }

private:
    JsonInputStream& m_inner;
    qint64 m_line = 1;
    size_t m_lineStart = 0;
};

class RecordHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RecordHandler>
{
public:
    RecordHandler(const JsonRecordReader::Callback& callback, LineCountingStream& stream)
        : m_callback(callback)
        , m_stream(stream)
    { }

    bool Null()
    {
        return m_inRecord ? m_doc.Null() : scalar();
    }
    bool Bool(bool b)
    {
        return m_inRecord ? m_doc.Bool(b) : scalar();
    }
    bool Int(int i)
    {
        return m_inRecord ? m_doc.Int(i) : scalar();
    }
    bool Uint(unsigned i)
    {
        return m_inRecord ? m_doc.Uint(i) : scalar();
    }
    bool Int64(int64_t i)
    {
        return m_inRecord ? m_doc.Int64(i) : scalar();
    }
    bool Uint64(uint64_t i)
    {
        return m_inRecord ? m_doc.Uint64(i) : scalar();
    }
    bool Double(double d)
    {
        return m_inRecord ? m_doc.Double(d) : scalar();
    }
    bool String(const char* s, rapidjson::SizeType n, bool)
    {
        return m_inRecord ? m_doc.String(s, n, true) : scalar();
    }
    bool Key(const char* s, rapidjson::SizeType n, bool)
    {
        return m_inRecord ? m_doc.Key(s, n, true) : true;
    }
    bool StartObject()
    {
        if (m_inRecord) {
            ++m_recordDepth;
            return m_doc.StartObject();
        }
        // A record is an object at the top level or directly inside the top-level array.
        if (m_outerDepth == 0 || (m_outerDepth == 1 && m_topIsArray)) {
            m_inRecord = true;
            m_recordDepth = 1;
            m_where.line = m_stream.line();
            return m_doc.StartObject();
        }
        ++m_outerDepth; // an object nested in something that is not a record: skipped
        return true;
    }
    bool EndObject(rapidjson::SizeType members)
    {
        if (m_inRecord) {
            m_doc.EndObject(members);
            if (--m_recordDepth == 0)
                return finishRecord();
            return true;
        }
        --m_outerDepth;
        return true;
    }
    bool StartArray()
    {
        if (m_inRecord) {
            ++m_recordDepth;
            return m_doc.StartArray();
        }
        if (m_outerDepth == 0) {
            m_topIsArray = true;
            m_sawArray = true;
        } else if (m_outerDepth == 1 && m_topIsArray) {
            ++m_skipped; // an array inside the top-level array is not a record
        }
        ++m_outerDepth;
        return true;
    }
    bool EndArray(rapidjson::SizeType elements)
    {
        if (m_inRecord) {
            --m_recordDepth;
            return m_doc.EndArray(elements);
        }
        if (--m_outerDepth == 0)
            m_topIsArray = false;
        return true;
    }

    bool stopped() const
    {
        return m_stopped;
    }
    bool sawArray() const
    {
        return m_sawArray;
    }
    qint64 records() const
    {
        return m_where.index;
    }
    qint64 skipped() const
    {
        return m_skipped;
    }

private:
    bool scalar()
    {
        if (m_outerDepth == 0 || (m_outerDepth == 1 && m_topIsArray))
            ++m_skipped;
        return true;
    }
    bool finishRecord()
    {
        m_inRecord = false;
        // The record's events sit on the document's stack; Populate() with a generator that adds nothing moves
        // them into the document root (RapidJSON's way from SAX to DOM, as in the HAR importer).
        auto nothingMore = [](rapidjson::Document&) { return true; };
        m_doc.Populate(nothingMore);
        const bool go = m_callback(m_doc, m_where);
        ++m_where.index;
        m_doc.SetNull();
        m_doc.GetAllocator().Clear();
        if (!go)
            m_stopped = true;
        return go;
    }

    const JsonRecordReader::Callback& m_callback;
    LineCountingStream& m_stream;
    rapidjson::Document m_doc;
    JsonRecordReader::Position m_where;
    bool m_inRecord = false;
    int m_recordDepth = 0;
    int m_outerDepth = 0;
    bool m_topIsArray = false;
    bool m_sawArray = false;
    bool m_stopped = false;
    qint64 m_skipped = 0;
};

} // namespace

JsonRecordReader::JsonRecordReader(BufferedInput& input)
    : m_in(input)
{ }

bool JsonRecordReader::read(const Callback& callback)
{
    if (m_in.fill(3) >= 3 && memcmp(m_in.data(), "\xEF\xBB\xBF", 3) == 0)
        m_in.consume(3);
    JsonInputStream json(m_in);
    LineCountingStream stream(json);
    RecordHandler handler(callback, stream);
    rapidjson::Reader reader;
    for (;;) {
        // Between top-level values (NDJSON) only whitespace may come.
        while (!m_in.atEnd()) {
            const char c = stream.Peek();
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                break;
            stream.Take();
        }
        if (m_in.atEnd())
            break;
        const rapidjson::ParseResult ok =
            reader.Parse<rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNanAndInfFlag>(stream, handler);
        m_records = handler.records();
        m_skipped = handler.skipped();
        m_sawArray = handler.sawArray();
        m_repaired = json.repairedSurrogates();
        if (handler.stopped()) {
            m_stopped = true;
            return false;
        }
        if (!ok) {
            if (m_in.failed()) {
                m_error = QStringLiteral("cannot read the file: %1").arg(m_in.source().errorString());
                return false;
            }
            m_error = QStringLiteral("broken JSON at line %1, column %2 (in or after record %3): %4")
                          .arg(stream.line())
                          .arg(stream.column(ok.Offset()))
                          .arg(handler.records() + 1)
                          .arg(QString::fromUtf8(rapidjson::GetParseError_En(ok.Code())).remove(u'.').toLower());
            return false;
        }
    }
    m_records = handler.records();
    m_skipped = handler.skipped();
    m_sawArray = handler.sawArray();
    m_repaired = json.repairedSurrogates();
    return true;
}
