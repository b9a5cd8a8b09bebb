// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Base64 decoding for bodies: both alphabets (standard and URL-safe), padding optional, line breaks
/// tolerated. Written by hand because HAR and mitmproxy files carry hundreds of megabytes of base64 and
/// QByteArray::fromBase64 decodes a byte at a time (it was a fifth of HAR import time in a profile).
namespace Base64 {

/// Decodes `text` into `out`; returns false (leaving `out` unspecified) when it is not base64.
bool decode(QByteArrayView text, QByteArray* out);

} // namespace Base64
