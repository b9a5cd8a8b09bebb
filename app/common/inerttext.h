// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// Makes untrusted text (hosts, URLs, headers, bodies from a capture) safe to show as a single line in a
/// table cell or a PDF: control characters and bidirectional overrides/isolates, which can hide or reorder
/// what a reader sees, become visible escapes ("\u202e"), and very long values are cut with "…".
/// ARCHITECTURE.md: strings from captures are shown as plain, inert text.
namespace InertText {
/// `keepLineBreaks` leaves \n alone (multi-line notes); everything else unsafe is escaped.
QString make(const QString& text, int maxLength = 500, bool keepLineBreaks = false);
/// True for the characters make() escapes.
bool isUnsafe(char16_t c);
} // namespace InertText
