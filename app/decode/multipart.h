// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

/// multipart/form-data and multipart/mixed bodies (RFC 7578, RFC 2046): split on the boundary into parts
/// with their headers. Used by the decoder chain and by the uploads analysis (a photo in a form field).
namespace Decode::Multipart {

struct Part
{
    Data::Headers headers;
    QByteArray name; ///< Content-Disposition name (form-data), empty for multipart/mixed
    QByteArray fileName; ///< Content-Disposition filename (or filename*), empty when absent
    QByteArray contentType; ///< the part's Content-Type, empty when absent
    QByteArray transferEncoding; ///< Content-Transfer-Encoding (base64, quoted-printable …), lowercase
    qint64 offset = 0; ///< byte offset of the part's content in the body
    QByteArray data; ///< the content as sent (Content-Transfer-Encoding not undone)
};

/// The boundary parameter of a multipart Content-Type ("multipart/form-data; boundary=xyz"), unquoted;
/// empty when the type is not multipart or has no boundary.
QByteArray boundary(QByteArrayView contentType);

/// The boundary of a body that starts like a multipart body ("--xyz\r\n" followed by part headers), for
/// bodies whose Content-Type was lost; empty when it does not.
QByteArray sniffBoundary(QByteArrayView body);

/// The parts, in order. Nothing when the body does not contain the boundary; a body cut short keeps the
/// parts (and the partial last part) that are there. At most `maxParts` parts.
std::optional<std::vector<Part>> split(QByteArrayView body, QByteArrayView boundary, int maxParts = 10000);

} // namespace Decode::Multipart
