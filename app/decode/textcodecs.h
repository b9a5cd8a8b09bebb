// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

/// Strict text-level decodings of the decoder chain (research §6.1 5): each accepts a string only when it
/// really is that encoding, so random identifiers are not "decoded" into garbage.
namespace Decode::TextCodecs {

/// Valid UTF-8 in which at least `share` of the characters are printable (tab, CR and LF count as printable).
bool isPrintableText(QByteArrayView data, double share = 0.9);

enum class Base64Alphabet
{
    Standard,
    UrlSafe
};
/// Base64 of at least `minLength` characters, standard or URL-safe alphabet (not mixed), with valid padding
/// (or none); returns the decoded bytes. Whitespace is not allowed (use stripWhitespace first where legal).
std::optional<QByteArray> base64(QByteArrayView text, int minLength = 16, Base64Alphabet* alphabet = nullptr);

/// Hex of even length ≥ `minLength`, one case throughout.
std::optional<QByteArray> hex(QByteArrayView text, int minLength = 16);

/// A JSON Web Token ("eyJ….eyJ….sig"): the decoded header and payload (both JSON text).
struct Jwt
{
    QByteArray header;
    QByteArray payload;
    QByteArray signature; ///< base64url as sent
};
std::optional<Jwt> jwt(QByteArrayView text);

/// Percent-decoding; with `plusIsSpace` ("application/x-www-form-urlencoded") '+' becomes a space.
QByteArray percentDecode(QByteArrayView text, bool plusIsSpace);
/// True when the text holds at least one %XX escape.
bool hasPercentEscape(QByteArrayView text);

/// The shape of "a=1&b=two": names of URL-safe characters, values without spaces or quotes, and at least
/// `minPairs` pairs (a single pair needs a non-empty value, so "abc=" base64 padding is not a form).
bool looksLikeForm(QByteArrayView text, int minPairs = 2);

} // namespace Decode::TextCodecs
