// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace Uploads {

struct MediaFingerprint;

/// Reads the few EXIF fields a fingerprint needs (camera make and model, software, orientation, original
/// date, pixel size, GPS position) from a TIFF structure ("II*\0…" or "MM\0*…", optionally after "Exif\0\0").
///
/// Written by hand rather than with libexif: it is about 150 lines over a buffer we already hold, every
/// offset is checked against that buffer and IFD loops are refused, and the same reader serves JPEG APP1,
/// PNG eXIf, WebP EXIF and HEIF Exif items (libexif covers only the first without extra container code, and
/// its record on hostile input is poor). Returns false when the bytes are not a TIFF structure.
bool readExif(QByteArrayView tiff, MediaFingerprint& out);

} // namespace Uploads
