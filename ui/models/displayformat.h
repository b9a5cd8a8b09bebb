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
/// Untrusted text for a tooltip. Qt renders a tooltip as rich text when it looks like HTML (Qt::mightBeRichText),
/// so "<b>" from a capture would be markup: the text is made inert, kept to its line breaks, and escaped.
QString toolTip(const QString& text, int maxLength = 2000);
/// Untrusted multi-line text for a plain-text view (message bodies): control and bidi-override characters are
/// shown as visible escapes; line breaks and tabs stay.
QString inertMultiline(const QString& text);
} // namespace DisplayFormat
