// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "quicinitial.h"

#include "bytes.h"

#include <algorithm>
#include <cstring>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace Packet {

namespace {

struct VersionParams
{
    const uint8_t* salt;
    bool v2; ///< "quicv2" labels and the v2 packet type numbering
};

const uint8_t kSaltV1[20] = { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c,
    0xad, 0xcc, 0xbb, 0x7f, 0x0a };
const uint8_t kSaltV2[20] = { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d,
    0xcb, 0xf9, 0xbd, 0x2e, 0xd9 };
const uint8_t kSaltDraft29[20] = { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61,
    0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 };
const uint8_t kSaltDraft23[20] = { 0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7, 0xd2, 0x43, 0x2b, 0xb4,
    0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02 };
const uint8_t kSaltDraft22[20] = { 0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a, 0x96, 0xcd, 0x21, 0x51,
    0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a };

bool paramsFor(uint32_t version, VersionParams& p)
{
    if (version == 0x00000001) {
        p = { kSaltV1, false };
        return true;
    }
    if (version == 0x6b3343cf) {
        p = { kSaltV2, true };
        return true;
    }
    if (version >= 0xff00001d && version <= 0xff000020) {
        p = { kSaltDraft29, false };
        return true;
    }
    if ((version >= 0xff000017 && version <= 0xff00001c) || version == 0xfaceb002 || version == 0xfaceb00e) {
        p = { kSaltDraft23, false };
        return true;
    }
    if (version == 0xff000016 || version == 0xfaceb001) {
        p = { kSaltDraft22, false };
        return true;
    }
    return false;
}

bool hkdf(int mode, const uint8_t* salt, size_t saltLength, const uint8_t* key, size_t keyLength, const uint8_t* info,
    size_t infoLength, uint8_t* out, size_t outLength)
{
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (!kdf)
        return false;
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx)
        return false;
    char digest[] = "SHA256";
    OSSL_PARAM params[6];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<uint8_t*>(key), keyLength);
    if (salt)
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<uint8_t*>(salt), saltLength);
    if (info)
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<uint8_t*>(info), infoLength);
    params[n] = OSSL_PARAM_construct_end();
    const bool ok = EVP_KDF_derive(ctx, out, outLength, params) == 1;
    EVP_KDF_CTX_free(ctx);
    return ok;
}

/// HKDF-Expand-Label (RFC 8446 §7.1) with an empty context.
bool expandLabel(const uint8_t* secret, const char* label, uint8_t* out, size_t outLength)
{
    uint8_t info[64];
    const size_t labelLength = strlen(label);
    size_t n = 0;
    info[n++] = static_cast<uint8_t>(outLength >> 8);
    info[n++] = static_cast<uint8_t>(outLength);
    info[n++] = static_cast<uint8_t>(6 + labelLength);
    memcpy(info + n, "tls13 ", 6);
    n += 6;
    memcpy(info + n, label, labelLength);
    n += labelLength;
    info[n++] = 0;
    return hkdf(EVP_KDF_HKDF_MODE_EXPAND_ONLY, nullptr, 0, secret, 32, info, n, out, outLength);
}

uint64_t decodePacketNumber(uint64_t largest, bool any, uint64_t truncated, size_t pnLength)
{
    // RFC 9000 §A.3
    if (!any)
        return truncated;
    const uint64_t expected = largest + 1;
    const uint64_t win = uint64_t(1) << (pnLength * 8);
    const uint64_t hwin = win / 2;
    const uint64_t mask = win - 1;
    const uint64_t candidate = (expected & ~mask) | truncated;
    if (candidate + hwin <= expected && candidate < (uint64_t(1) << 62) - win)
        return candidate + win;
    if (candidate > expected + hwin && candidate >= win)
        return candidate - win;
    return candidate;
}

} // namespace

namespace Quic {

bool isKnownVersion(uint32_t version)
{
    VersionParams p;
    return paramsFor(version, p);
}

bool deriveInitialKeys(uint32_t version, const uint8_t* dcid, size_t dcidLength, bool client, QuicKeys& out)
{
    VersionParams p;
    if (!paramsFor(version, p))
        return false;
    uint8_t initial[32], secret[32];
    if (!hkdf(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, p.salt, 20, dcid, dcidLength, nullptr, 0, initial, 32))
        return false;
    if (!expandLabel(initial, client ? "client in" : "server in", secret, 32))
        return false;
    return expandLabel(secret, p.v2 ? "quicv2 key" : "quic key", out.key, 16)
        && expandLabel(secret, p.v2 ? "quicv2 iv" : "quic iv", out.iv, 12)
        && expandLabel(secret, p.v2 ? "quicv2 hp" : "quic hp", out.hp, 16);
}

bool looksLikeLongHeader(const uint8_t* data, size_t length)
{
    return length >= 7 && (data[0] & 0x80) && isKnownVersion(be32(data + 1));
}

bool looksLikeGoogleQuic(const uint8_t* data, size_t length)
{
    auto version = [&](size_t at) {
        return length >= at + 4 && data[at] == 'Q' && data[at + 1] == '0' && data[at + 2] >= '0' && data[at + 2] <= '9'
            && data[at + 3] >= '0' && data[at + 3] <= '9';
    };
    if (length < 13)
        return false;
    if (data[0] & 0x80)
        return version(1); // Q046 uses the IETF long-header layout
    return (data[0] & 0x01) && (data[0] & 0x08) && version(9); // public header with version and 8-byte CID
}

bool googleChloSni(const uint8_t* data, size_t length, QByteArray& sni)
{
    // The handshake message: "CHLO", u16 tag count, u16 padding, then (tag, end offset) pairs (little-endian)
    // and the values. Found by its tag rather than by decoding the version-specific frame layout.
    for (size_t i = 0; i + 8 <= length; ++i) {
        if (memcmp(data + i, "CHLO", 4) != 0)
            continue;
        const size_t tags = le16(data + i + 4);
        const size_t table = i + 8;
        const size_t values = table + tags * 8;
        if (tags == 0 || tags > 128 || values > length)
            continue;
        uint32_t previous = 0;
        bool valid = true;
        for (size_t t = 0; t < tags && valid; ++t) {
            const uint8_t* entry = data + table + t * 8;
            const uint32_t end = le32(entry + 4);
            if (end < previous || values + end > length) {
                valid = false;
                break;
            }
            if (memcmp(entry, "SNI\0", 4) == 0) {
                sni = QByteArray(
                    reinterpret_cast<const char*>(data + values + previous), static_cast<qsizetype>(end - previous));
                return !sni.isEmpty();
            }
            previous = end;
        }
    }
    return false;
}

} // namespace Quic

struct QuicInitialReader::Ciphers
{
    EVP_CIPHER_CTX* ecb = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX* gcm = EVP_CIPHER_CTX_new();
    ~Ciphers()
    {
        EVP_CIPHER_CTX_free(ecb);
        EVP_CIPHER_CTX_free(gcm);
    }
};

QuicInitialReader::QuicInitialReader()
    : m_ciphers(std::make_unique<Ciphers>())
{ }

QuicInitialReader::~QuicInitialReader() = default;

QuicInitialReader::State QuicInitialReader::clientDatagram(const uint8_t* data, size_t length)
{
    if (m_state != State::NeedMore)
        return m_state;
    if (++m_datagrams > kMaxDatagrams) {
        m_state = State::GaveUp;
        return m_state;
    }
    size_t pos = 0;
    bool any = false;
    // Several QUIC packets can share a datagram (coalescing, RFC 9000 §12.2).
    while (pos < length && m_state == State::NeedMore) {
        size_t consumed = 0;
        const bool ok = packet(data + pos, length - pos, consumed);
        any = any || ok;
        if (consumed == 0)
            break;
        pos += consumed;
    }
    if (!any && m_datagrams == 1 && !m_haveKeys)
        m_state = State::NotQuic;
    return m_state;
}

bool QuicInitialReader::packet(const uint8_t* data, size_t length, size_t& consumed)
{
    consumed = 0;
    if (length < 7 || !(data[0] & 0x80))
        return false; // a short-header packet ends the datagram
    const uint32_t version = be32(data + 1);
    VersionParams params;
    if (!paramsFor(version, params))
        return false;
    Reader r(data, length);
    r.skip(5);
    uint8_t dcidLength = 0, scidLength = 0;
    const uint8_t* dcid = nullptr;
    if (!r.u8(dcidLength) || dcidLength > 20 || !r.bytes(dcidLength, dcid) || !r.u8(scidLength) || scidLength > 20
        || !r.skip(scidLength))
        return false;
    const int type = (data[0] >> 4) & 3;
    const int initialType = params.v2 ? 1 : 0;
    const int retryType = params.v2 ? 0 : 3;
    if (type == retryType) {
        consumed = length; // a Retry fills the rest of the datagram
        return false;
    }
    if (type == initialType) {
        uint64_t tokenLength = 0;
        if (!r.varint(tokenLength) || !r.skip(tokenLength))
            return false;
    }
    uint64_t payloadLength = 0;
    if (!r.varint(payloadLength) || payloadLength > r.remaining())
        return false;
    const size_t pnOffset = static_cast<size_t>(r.pos() - data);
    const size_t end = pnOffset + static_cast<size_t>(payloadLength);
    consumed = end;
    if (type != initialType)
        return true; // 0-RTT or Handshake: skip by its length

    if (!m_haveKeys || m_version != version) {
        // Keys come from the first Initial's DCID (later Initials may use another one).
        if (!Quic::deriveInitialKeys(version, dcid, dcidLength, true, m_keys))
            return false;
        m_dcid.assign(dcid, dcid + dcidLength);
        m_version = version;
        m_haveKeys = true;
    }
    if (!decrypt(data, pnOffset, end, m_keys, m_plain)) {
        // After a Retry the client derives new keys from the new DCID.
        QuicKeys retryKeys;
        if (dcidLength == m_dcid.size() && std::equal(dcid, dcid + dcidLength, m_dcid.begin()))
            ++m_undecryptable;
        else if (Quic::deriveInitialKeys(version, dcid, dcidLength, true, retryKeys)
            && decrypt(data, pnOffset, end, retryKeys, m_plain)) {
            m_keys = retryKeys;
            m_dcid.assign(dcid, dcid + dcidLength);
            frames(m_plain.data(), m_plain.size());
            return true;
        } else {
            ++m_undecryptable;
        }
        return true;
    }
    frames(m_plain.data(), m_plain.size());
    return true;
}

bool QuicInitialReader::decrypt(
    const uint8_t* packet, size_t pnOffset, size_t end, const QuicKeys& keys, std::vector<uint8_t>& plain)
{
    if (pnOffset + 4 + 16 > end)
        return false;
    // Header protection: the mask comes from a sample of the ciphertext 4 bytes after the packet number.
    uint8_t mask[32];
    int outLength = 0;
    EVP_CIPHER_CTX* ecb = m_ciphers->ecb;
    if (EVP_EncryptInit_ex(ecb, EVP_aes_128_ecb(), nullptr, keys.hp, nullptr) != 1)
        return false;
    EVP_CIPHER_CTX_set_padding(ecb, 0);
    if (EVP_EncryptUpdate(ecb, mask, &outLength, packet + pnOffset + 4, 16) != 1)
        return false;
    const uint8_t first = packet[0] ^ (mask[0] & 0x0f);
    const size_t pnLength = (first & 3) + 1;
    if (pnOffset + pnLength + 16 > end)
        return false;
    m_header.assign(packet, packet + pnOffset + pnLength);
    m_header[0] = first;
    uint64_t truncated = 0;
    for (size_t i = 0; i < pnLength; ++i) {
        m_header[pnOffset + i] ^= mask[1 + i];
        truncated = (truncated << 8) | m_header[pnOffset + i];
    }
    const uint64_t pn = decodePacketNumber(m_largestPn, m_anyPn, truncated, pnLength);
    uint8_t nonce[12];
    memcpy(nonce, keys.iv, 12);
    for (int i = 0; i < 8; ++i)
        nonce[11 - i] ^= static_cast<uint8_t>(pn >> (8 * i));

    const uint8_t* ciphertext = packet + pnOffset + pnLength;
    const size_t cipherLength = end - (pnOffset + pnLength) - 16;
    plain.resize(cipherLength + 16);
    EVP_CIPHER_CTX* gcm = m_ciphers->gcm;
    int n = 0;
    bool ok = EVP_DecryptInit_ex(gcm, EVP_aes_128_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_GCM_SET_IVLEN, 12, nullptr) == 1
        && EVP_DecryptInit_ex(gcm, nullptr, nullptr, keys.key, nonce) == 1
        && EVP_DecryptUpdate(gcm, nullptr, &n, m_header.data(), static_cast<int>(m_header.size())) == 1
        && EVP_DecryptUpdate(gcm, plain.data(), &n, ciphertext, static_cast<int>(cipherLength)) == 1
        && EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_GCM_SET_TAG, 16, const_cast<uint8_t*>(ciphertext + cipherLength)) == 1;
    int finalLength = 0;
    ok = ok && EVP_DecryptFinal_ex(gcm, plain.data() + n, &finalLength) == 1;
    if (!ok)
        return false;
    plain.resize(static_cast<size_t>(n + finalLength));
    if (!m_anyPn || pn > m_largestPn)
        m_largestPn = pn;
    m_anyPn = true;
    return true;
}

void QuicInitialReader::frames(const uint8_t* data, size_t length)
{
    Reader r(data, length);
    while (r.remaining() > 0 && m_state == State::NeedMore) {
        uint64_t type = 0;
        if (!r.varint(type))
            return;
        switch (type) {
        case 0x00: // PADDING
        case 0x01: // PING
            break;
        case 0x02: // ACK
        case 0x03: {
            uint64_t largest, delay, count, first;
            if (!r.varint(largest) || !r.varint(delay) || !r.varint(count) || !r.varint(first) || count > 1024)
                return;
            for (uint64_t i = 0; i < count; ++i) {
                uint64_t gap, len;
                if (!r.varint(gap) || !r.varint(len))
                    return;
            }
            if (type == 0x03) {
                uint64_t a, b, c;
                if (!r.varint(a) || !r.varint(b) || !r.varint(c))
                    return;
            }
            break;
        }
        case 0x06: { // CRYPTO
            uint64_t offset = 0, len = 0;
            const uint8_t* p = nullptr;
            if (!r.varint(offset) || !r.varint(len) || !r.bytes(static_cast<size_t>(len), p))
                return;
            crypto(offset, p, static_cast<size_t>(len));
            break;
        }
        case 0x1c: // CONNECTION_CLOSE
        case 0x1d: {
            uint64_t code, frameType = 0, reasonLength;
            if (!r.varint(code) || (type == 0x1c && !r.varint(frameType)) || !r.varint(reasonLength)
                || !r.skip(static_cast<size_t>(reasonLength)))
                return;
            break;
        }
        default:
            return; // no other frame may appear in an Initial packet
        }
    }
}

void QuicInitialReader::crypto(uint64_t offset, const uint8_t* data, size_t length)
{
    if (length == 0 || offset + length > kMaxCrypto)
        return;
    const uint32_t begin = static_cast<uint32_t>(offset);
    const uint32_t end = static_cast<uint32_t>(offset + length);
    if (m_crypto.size() < end)
        m_crypto.resize(end);
    memcpy(m_crypto.data() + begin, data, length);
    m_ranges.emplace_back(begin, end);
    std::sort(m_ranges.begin(), m_ranges.end());
    std::vector<std::pair<uint32_t, uint32_t>> merged;
    for (const auto& range : m_ranges) {
        if (!merged.empty() && range.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, range.second);
        else
            merged.push_back(range);
    }
    m_ranges.swap(merged);
    if (m_ranges.empty() || m_ranges[0].first != 0 || m_ranges[0].second < 4)
        return;
    if (m_crypto[0] != 1) {
        m_state = State::GaveUp; // the client's first handshake message must be a ClientHello
        return;
    }
    const size_t messageLength = be24(m_crypto.data() + 1);
    if (4 + messageLength > kMaxCrypto) {
        m_state = State::GaveUp;
        return;
    }
    if (m_ranges[0].second < 4 + messageLength)
        return;
    TlsClientHello hello;
    if (Tls::parseClientHello(m_crypto.data() + 4, messageLength, hello)) {
        m_hello = std::move(hello);
        m_state = State::Done;
    } else {
        m_state = State::GaveUp;
    }
    m_crypto.clear();
    m_crypto.shrink_to_fit();
    m_plain.clear();
    m_plain.shrink_to_fit();
}

} // namespace Packet
