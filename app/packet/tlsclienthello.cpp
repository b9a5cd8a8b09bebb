// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsclienthello.h"

#include "bytes.h"

#include <cstring>

namespace Packet {

namespace Tls {

bool looksLikeHandshake(const uint8_t* data, size_t length)
{
    return length >= 3 && data[0] == 22 && data[1] == 3 && data[2] <= 4;
}

bool parseClientHello(const uint8_t* body, size_t length, TlsClientHello& out)
{
    Reader r(body, length);
    const uint8_t* random = nullptr;
    uint8_t sessionIdLength = 0, compressionLength = 0;
    uint16_t cipherLength = 0;
    if (!r.u16(out.legacyVersion) || !r.bytes(32, random) || !r.u8(sessionIdLength) || !r.skip(sessionIdLength)
        || !r.u16(cipherLength) || !r.skip(cipherLength) || !r.u8(compressionLength) || !r.skip(compressionLength))
        return false;
    memcpy(out.random, random, 32);
    uint16_t extensionsLength = 0;
    if (!r.u16(extensionsLength))
        return true; // no extensions (SSL 3.0 style)
    Reader ext(nullptr, 0);
    if (!r.sub(extensionsLength, ext))
        return false;
    while (ext.remaining() >= 4) {
        uint16_t type = 0, len = 0;
        Reader e(nullptr, 0);
        if (!ext.u16(type) || !ext.u16(len) || !ext.sub(len, e))
            return false;
        switch (type) {
        case 0x0000: { // server_name
            uint16_t listLength = 0;
            Reader list(nullptr, 0);
            if (!e.u16(listLength) || !e.sub(listLength, list))
                break;
            while (list.remaining() >= 3) {
                uint8_t nameType = 0;
                uint16_t nameLength = 0;
                const uint8_t* name = nullptr;
                if (!list.u8(nameType) || !list.u16(nameLength) || !list.bytes(nameLength, name))
                    break;
                if (nameType == 0 && out.sni.isEmpty())
                    out.sni = QByteArray(reinterpret_cast<const char*>(name), nameLength);
            }
            break;
        }
        case 0x0010: { // application_layer_protocol_negotiation
            uint16_t listLength = 0;
            Reader list(nullptr, 0);
            if (!e.u16(listLength) || !e.sub(listLength, list))
                break;
            while (list.remaining() >= 1) {
                uint8_t l = 0;
                const uint8_t* p = nullptr;
                if (!list.u8(l) || !list.bytes(l, p))
                    break;
                out.alpn.emplace_back(reinterpret_cast<const char*>(p), l);
            }
            break;
        }
        case 0x002b: { // supported_versions
            uint8_t l = 0;
            if (!e.u8(l))
                break;
            for (uint8_t i = 0; i + 1 < l; i += 2) {
                uint16_t v = 0;
                if (!e.u16(v))
                    break;
                if ((v & 0x0f0f) == 0x0a0a)
                    continue; // GREASE
                if (v > out.highestVersion && v <= 0x7fff)
                    out.highestVersion = v;
            }
            break;
        }
        case 0xfe0d: // encrypted_client_hello (RFC 9849) and its drafts
        case 0xfe08:
        case 0xfe0a:
        case 0xff02:
            out.ech = true;
            break;
        default:
            break;
        }
    }
    return true;
}

bool parseServerHello(const uint8_t* body, size_t length, TlsServerHello& out)
{
    Reader r(body, length);
    uint8_t sessionIdLength = 0, compression = 0;
    if (!r.u16(out.version) || !r.skip(32) || !r.u8(sessionIdLength) || !r.skip(sessionIdLength)
        || !r.u16(out.cipherSuite) || !r.u8(compression))
        return false;
    uint16_t extensionsLength = 0;
    Reader ext(nullptr, 0);
    if (!r.u16(extensionsLength) || !r.sub(extensionsLength, ext))
        return true;
    while (ext.remaining() >= 4) {
        uint16_t type = 0, len = 0;
        Reader e(nullptr, 0);
        if (!ext.u16(type) || !ext.u16(len) || !ext.sub(len, e))
            break;
        if (type == 0x002b) {
            uint16_t v = 0;
            if (e.u16(v))
                out.version = v;
        } else if (type == 0x0010) {
            uint16_t listLength = 0;
            uint8_t l = 0;
            const uint8_t* p = nullptr;
            if (e.u16(listLength) && e.u8(l) && e.bytes(l, p))
                out.alpn = QByteArray(reinterpret_cast<const char*>(p), l);
        }
    }
    return true;
}

QString versionName(uint16_t v)
{
    switch (v) {
    case 0x0300:
        return QStringLiteral("SSL 3.0");
    case 0x0301:
        return QStringLiteral("TLS 1.0");
    case 0x0302:
        return QStringLiteral("TLS 1.1");
    case 0x0303:
        return QStringLiteral("TLS 1.2");
    case 0x0304:
        return QStringLiteral("TLS 1.3");
    default:
        if ((v & 0xff00) == 0x7f00)
            return QStringLiteral("TLS 1.3 (draft %1)").arg(v & 0xff);
        return v ? QStringLiteral("TLS 0x%1").arg(v, 4, 16, QLatin1Char('0')) : QString();
    }
}

} // namespace Tls

TlsHandshakeReader::State TlsHandshakeReader::feed(const uint8_t* data, size_t length)
{
    if (m_state != State::NeedMore)
        return m_state;
    m_record.insert(m_record.end(), data, data + length);
    size_t pos = 0;
    while (m_state == State::NeedMore && m_record.size() - pos >= 5) {
        const uint8_t* h = m_record.data() + pos;
        const uint8_t type = h[0];
        const size_t recordLength = be16(h + 3);
        if (h[1] != 3 || recordLength > 16384 + 2048 || type < 20 || type > 23) {
            m_state = State::NotHandshake;
            break;
        }
        if (type != 22) {
            m_state = State::NotHandshake; // encrypted data or an alert before a complete hello
            break;
        }
        if (m_record.size() - pos < 5 + recordLength)
            break;
        m_handshake.insert(m_handshake.end(), h + 5, h + 5 + recordLength);
        pos += 5 + recordLength;
        if (m_handshake.size() >= 4) {
            const size_t messageLength = be24(m_handshake.data() + 1);
            if (messageLength > kMaxMessage)
                m_state = State::NotHandshake;
            else if (m_handshake.size() >= 4 + messageLength) {
                m_handshake.resize(4 + messageLength);
                m_state = State::Message;
            }
        }
    }
    m_record.erase(m_record.begin(), m_record.begin() + static_cast<std::ptrdiff_t>(pos));
    if (m_state != State::NeedMore) {
        m_record.clear();
        m_record.shrink_to_fit();
    }
    return m_state;
}

QString TlsInfo::alpnText() const
{
    if (!server.alpn.isEmpty())
        return QString::fromLatin1(server.alpn);
    QString out;
    for (const QByteArray& a : hello.alpn) {
        if (!out.isEmpty())
            out += u',';
        out += QString::fromLatin1(a);
    }
    return out;
}

QString TlsInfo::versionText() const
{
    if (serverHello)
        return Tls::versionName(server.version);
    return {};
}

void TlsAnalyzer::data(int direction, const uint8_t* bytes, size_t length, const ChunkInfo&)
{
    if (m_finished[direction])
        return;
    m_seen[direction] += length;
    TlsHandshakeReader& reader = m_reader[direction];
    const auto state = reader.feed(bytes, length);
    if (state == TlsHandshakeReader::State::NeedMore) {
        if (m_seen[direction] > TlsHandshakeReader::kMaxMessage + 4096)
            m_finished[direction] = true;
        return;
    }
    m_finished[direction] = true;
    if (state != TlsHandshakeReader::State::Message)
        return;
    if (direction == ClientToServer && reader.messageType() == 1) {
        TlsClientHello hello;
        if (Tls::parseClientHello(reader.body(), reader.bodyLength(), hello)) {
            m_info.hello = std::move(hello);
            m_info.clientHello = true;
        }
    } else if (direction == ServerToClient && reader.messageType() == 2) {
        TlsServerHello server;
        if (Tls::parseServerHello(reader.body(), reader.bodyLength(), server)) {
            m_info.server = std::move(server);
            m_info.serverHello = true;
        }
    }
    // The readers are done with their buffers.
    m_reader[direction] = TlsHandshakeReader();
}

void TlsAnalyzer::gap(int direction, uint64_t, const ChunkInfo&)
{
    m_finished[direction] = true; // a hole in the handshake: nothing more can be parsed in order
}

} // namespace Packet
