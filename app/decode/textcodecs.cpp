// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textcodecs.h"

#include <algorithm>

namespace Decode::TextCodecs {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int base64Value(unsigned char c, bool urlSafe)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == (urlSafe ? '-' : '+'))
        return 62;
    if (c == (urlSafe ? '_' : '/'))
        return 63;
    return -1;
}

} // namespace

bool isPrintableText(QByteArrayView d, double share)
{
    if (d.isEmpty())
        return false;
    qsizetype chars = 0, printable = 0;
    qsizetype i = 0;
    const auto* u = reinterpret_cast<const unsigned char*>(d.data());
    const qsizetype n = d.size();
    while (i < n) {
        const unsigned c = u[i];
        int extra = 0;
        quint32 cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n && extra > 0)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((u[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        ++chars;
        if ((cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0) && cp != 0xFFFD) || cp == '\t' || cp == '\n'
            || cp == '\r')
            ++printable;
        i += 1 + extra;
    }
    return chars > 0 && double(printable) >= share * double(chars);
}

std::optional<QByteArray> base64(QByteArrayView t, int minLength, Base64Alphabet* alphabet)
{
    if (t.size() < minLength)
        return std::nullopt;
    qsizetype len = t.size();
    int padding = 0;
    while (len > 0 && t[len - 1] == '=' && padding < 3) {
        --len;
        ++padding;
    }
    if (padding > 2 || (padding > 0 && t.size() % 4 != 0))
        return std::nullopt;
    const qsizetype rem = len % 4;
    if (rem == 1)
        return std::nullopt;
    bool sawStd = false, sawUrl = false;
    for (qsizetype i = 0; i < len; ++i) {
        const char c = t[i];
        if (c == '+' || c == '/')
            sawStd = true;
        else if (c == '-' || c == '_')
            sawUrl = true;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return std::nullopt;
    }
    if (sawStd && sawUrl)
        return std::nullopt;
    const bool urlSafe = sawUrl;
    QByteArray out;
    out.reserve(len * 3 / 4);
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < len; ++i) {
        acc = (acc << 6) | quint32(base64Value(static_cast<unsigned char>(t[i]), urlSafe));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    // Canonical encodings leave the unused low bits zero; a string that does not is text, not base64.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    if (alphabet)
        *alphabet = urlSafe ? Base64Alphabet::UrlSafe : Base64Alphabet::Standard;
    return out;
}

std::optional<QByteArray> hex(QByteArrayView t, int minLength)
{
    if (t.size() < minLength || t.size() % 2 != 0)
        return std::nullopt;
    bool lower = false, upper = false;
    QByteArray out;
    out.reserve(t.size() / 2);
    for (qsizetype i = 0; i < t.size(); i += 2) {
        const int a = hexValue(t[i]), b = hexValue(t[i + 1]);
        if (a < 0 || b < 0)
            return std::nullopt;
        for (char c : { t[i], t[i + 1] }) {
            lower |= (c >= 'a' && c <= 'f');
            upper |= (c >= 'A' && c <= 'F');
        }
        out.append(static_cast<char>(a * 16 + b));
    }
    if (lower && upper)
        return std::nullopt;
    return out;
}

std::optional<Jwt> jwt(QByteArrayView t)
{
    if (t.size() < 20 || !t.startsWith("eyJ"))
        return std::nullopt;
    const qsizetype dot1 = t.indexOf('.');
    const qsizetype dot2 = dot1 < 0 ? -1 : t.indexOf('.', dot1 + 1);
    if (dot1 < 8 || dot2 < 0 || t.indexOf('.', dot2 + 1) >= 0 || dot2 - dot1 < 8
        || t.sliced(dot1 + 1).first(3) != "eyJ")
        return std::nullopt;
    const QByteArrayView sig = t.sliced(dot2 + 1);
    for (char c : sig) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return std::nullopt;
    }
    const auto header = base64(t.first(dot1), 4);
    const auto payload = base64(t.sliced(dot1 + 1, dot2 - dot1 - 1), 4);
    if (!header || !payload || !header->startsWith('{') || !payload->startsWith('{'))
        return std::nullopt;
    return Jwt { *header, *payload, sig.toByteArray() };
}

QByteArray percentDecode(QByteArrayView t, bool plusIsSpace)
{
    QByteArray out;
    out.reserve(t.size());
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '%' && i + 2 < t.size()) {
            const int a = hexValue(t[i + 1]), b = hexValue(t[i + 2]);
            if (a >= 0 && b >= 0) {
                out.append(static_cast<char>(a * 16 + b));
                i += 2;
                continue;
            }
        }
        out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

bool hasPercentEscape(QByteArrayView t)
{
    for (qsizetype i = 0; i + 2 < t.size(); ++i) {
        if (t[i] == '%' && hexValue(t[i + 1]) >= 0 && hexValue(t[i + 2]) >= 0)
            return true;
    }
    return false;
}

bool looksLikeForm(QByteArrayView t, int minPairs)
{
    if (t.size() < 3)
        return false;
    int pairs = 0;
    bool emptyValue = false;
    qsizetype start = 0;
    while (start <= t.size()) {
        qsizetype end = t.indexOf('&', start);
        if (end < 0)
            end = t.size();
        const QByteArrayView pair = t.sliced(start, end - start);
        const qsizetype eq = pair.indexOf('=');
        if (pair.isEmpty()) {
            // "a=1&&b=2" happens; an empty pair is fine
        } else if (eq <= 0) {
            return false;
        } else {
            for (qsizetype i = 0; i < eq; ++i) {
                const char c = pair[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                        || c == '.' || c == '[' || c == ']' || c == '%' || c == '$'))
                    return false;
            }
            for (qsizetype i = eq + 1; i < pair.size(); ++i) {
                const unsigned char c = static_cast<unsigned char>(pair[i]);
                if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '{' || c == '}')
                    return false;
            }
            // "abc=" and "abc==" are base64 padding, not a name with a value.
            emptyValue |= pair.sliced(eq + 1).trimmed().isEmpty() || pair.sliced(eq).count('=') == pair.size() - eq;
            ++pairs;
        }
        start = end + 1;
    }
    return pairs >= std::max(minPairs, 1) && !(pairs == 1 && emptyValue);
}

} // namespace Decode::TextCodecs
