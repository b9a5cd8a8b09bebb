// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "xmlfeed.h"

#include "bytesource.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace {

constexpr qint64 kChunk = 256 * 1024;
const char kReplacement[] = "\xEF\xBF\xBD";

/// Length of the UTF-8 sequence starting with `lead`, 0 for a byte that cannot start one.
int sequenceLength(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

bool validSequence(const unsigned char* p, int n)
{
    for (int i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return false;
    }
    // Overlong forms and surrogates (RFC 3629 table).
    if (n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F)))
        return false;
    if (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F)))
        return false;
    return true;
}

} // namespace

XmlFeed::XmlFeed(ByteSource& source, QXmlStreamReader& reader)
    : m_source(source)
    , m_reader(reader)
{ }

QByteArray XmlFeed::sanitise(QByteArray chunk, bool last)
{
    if (m_first) {
        m_first = false;
        // The declaration sits in the first bytes: XML 1.1 becomes 1.0, and a non-UTF-8 encoding turns off the
        // UTF-8 repair (Qt decodes it).
        static const QRegularExpression declaration(QStringLiteral("^(\\xEF\\xBB\\xBF)?\\s*<\\?xml[^>]*\\?>"));
        const QString head = QString::fromLatin1(chunk.left(512));
        const QRegularExpressionMatch m = declaration.match(head);
        if (m.hasMatch()) {
            QString decl = m.captured(0);
            static const QRegularExpression v11(QStringLiteral("version\\s*=\\s*([\"'])1\\.1\\1"));
            decl.replace(v11, QStringLiteral("version=\"1.0\""));
            static const QRegularExpression enc(QStringLiteral("encoding\\s*=\\s*[\"']([^\"']+)[\"']"));
            const QRegularExpressionMatch e = enc.match(decl);
            if (e.hasMatch()) {
                const QString name = e.captured(1).toLower();
                m_utf8 = name == u"utf-8" || name == u"utf8";
            }
            chunk.replace(0, m.capturedLength(0), decl.toLatin1());
        }
    }
    QByteArray in = m_carry + chunk;
    m_carry.clear();
    QByteArray out;
    out.reserve(in.size());
    const auto* p = reinterpret_cast<const unsigned char*>(in.constData());
    const qsizetype n = in.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x20) {
            if (c == '\t' || c == '\n' || c == '\r')
                out += static_cast<char>(c);
            else {
                out += kReplacement;
                ++m_repaired;
            }
            ++i;
            continue;
        }
        if (c < 0x80 || !m_utf8) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const int len = sequenceLength(c);
        if (len == 0) {
            out += kReplacement;
            ++m_repaired;
            ++i;
            continue;
        }
        if (i + len > n) {
            if (!last) { // may continue in the next chunk
                m_carry = in.sliced(i);
                break;
            }
            out += kReplacement;
            m_repaired += n - i;
            break;
        }
        if (!validSequence(p + i, len)) {
            out += kReplacement;
            ++m_repaired;
            ++i;
            continue;
        }
        out.append(reinterpret_cast<const char*>(p + i), len);
        i += len;
    }
    return out;
}

bool XmlFeed::feed()
{
    if (m_done)
        return false;
    QByteArray chunk(kChunk, Qt::Uninitialized);
    // The first chunk must hold the whole XML declaration, and sources may return a few bytes at a time.
    const qint64 want = m_first ? 1024 : 1;
    qint64 n = 0;
    while (n < want) {
        const qint64 got = m_source.read(chunk.data() + n, chunk.size() - n);
        if (got < 0) {
            m_error = m_source.errorString();
            m_done = true;
            return false;
        }
        if (got == 0)
            break;
        n += got;
    }
    chunk.resize(n);
    const bool last = n == 0;
    const QByteArray clean = sanitise(std::move(chunk), last);
    if (!clean.isEmpty())
        m_reader.addData(clean);
    if (last) {
        m_done = true;
        return false;
    }
    return true;
}
