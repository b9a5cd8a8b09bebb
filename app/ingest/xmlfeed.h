// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

class ByteSource;
class QXmlStreamReader;

/// Feeds a QXmlStreamReader from a ByteSource chunk by chunk, so an XML export of any size is read in
/// constant memory, and repairs what proxies write into "XML" that strict readers refuse: raw control bytes
/// (Burp keeps NUL bytes of non-base64 bodies), byte sequences that are not UTF-8, and an XML 1.1
/// declaration (Qt reads 1.0 only; nothing in these exports needs 1.1). Every repaired byte becomes U+FFFD and
/// is counted, so the importer can flag what it came from as lossy.
class XmlFeed
{
public:
    XmlFeed(ByteSource& source, QXmlStreamReader& reader);

    /// Adds the next chunk to the reader. Returns false at the end of the input or on a read error (see
    /// error()); the reader is then told that no more data comes.
    bool feed();
    QString error() const
    {
        return m_error;
    }
    qint64 repairedBytes() const
    {
        return m_repaired;
    }

private:
    QByteArray sanitise(QByteArray chunk, bool last);

    ByteSource& m_source;
    QXmlStreamReader& m_reader;
    QByteArray m_carry; ///< an incomplete UTF-8 sequence at the end of the previous chunk
    bool m_first = true;
    bool m_utf8 = true;
    bool m_done = false;
    qint64 m_repaired = 0;
    QString m_error;
};
