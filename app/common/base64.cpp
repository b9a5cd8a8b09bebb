// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "base64.h"

#include <array>

namespace Base64 {

namespace {

constexpr quint8 kInvalid = 0xFF;
constexpr quint8 kSkip = 0xFE; // CR, LF, space, tab: tolerated between groups

constexpr std::array<quint8, 256> makeTable()
{
    std::array<quint8, 256> t {};
    for (auto& v : t)
        v = kInvalid;
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<quint8>(i);
    t['-'] = 62; // URL-safe alphabet
    t['_'] = 63;
    t['\r'] = t['\n'] = t[' '] = t['\t'] = kSkip;
    return t;
}

constexpr std::array<quint8, 256> kTable = makeTable();

} // namespace

bool decode(QByteArrayView text, QByteArray* out)
{
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const qsizetype n = text.size();
    out->resize(n / 4 * 3 + 3);
    auto* o = reinterpret_cast<unsigned char*>(out->data());
    qsizetype i = 0;
    // Fast path: whole groups of four valid characters.
    while (i + 4 <= n) {
        const quint32 a = kTable[p[i]], b = kTable[p[i + 1]], c = kTable[p[i + 2]], d = kTable[p[i + 3]];
        if ((a | b | c | d) & 0xC0)
            break;
        const quint32 v = (a << 18) | (b << 12) | (c << 6) | d;
        o[0] = static_cast<unsigned char>(v >> 16);
        o[1] = static_cast<unsigned char>(v >> 8);
        o[2] = static_cast<unsigned char>(v);
        o += 3;
        i += 4;
    }
    // Slow path: line breaks, padding, the tail.
    quint32 acc = 0;
    int bits = 0;
    int padding = 0;
    for (; i < n; ++i) {
        const unsigned char ch = p[i];
        if (ch == '=') {
            ++padding;
            continue;
        }
        const quint8 v = kTable[ch];
        if (v == kSkip)
            continue;
        if (v == kInvalid || padding > 0)
            return false; // a character outside the alphabets, or data after the padding
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *o++ = static_cast<unsigned char>(acc >> bits);
        }
    }
    if (padding > 2 || bits >= 6)
        return false;
    out->resize(o - reinterpret_cast<unsigned char*>(out->data()));
    return true;
}

} // namespace Base64
