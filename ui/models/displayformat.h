// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QString>

/// How numbers and times look on screen (and in the PDF), in one place.
namespace DisplayFormat {
/// Local time "2026-11-20 14:03:05.250", or "—" for an unknown time.
QString time(Data::Timestamp ts);
/// "1.4 MB", "—" for -1.
QString bytes(qint64 n);
/// Makes untrusted text safe for a single-line cell: control and bidi-override characters are shown as
/// visible escapes, and very long values are cut (ARCHITECTURE.md: strings from captures are inert).
QString inert(const QString& text, int maxLength = 500);
/// A tooltip that shows `text` literally: Qt renders tooltips that look like HTML as HTML, so text that may come
/// from a capture is escaped into a plain paragraph (line breaks kept).
QString plainToolTip(const QString& text);
} // namespace DisplayFormat
