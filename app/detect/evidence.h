// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/decoded.h"
#include "findingstore.h"

#include <QString>

class Investigation;

/// What the evidence viewer shows for a finding: the decoded request as plain text with the span that holds
/// the value, and the decoding steps that led to it. Strings from the capture stay inert (control and bidi
/// characters replaced), so the view can never be made to show something else.
namespace Evidence {

/// Where a hit sits in the outermost decoded layer of its carrier (what the viewer displays).
FindingStore::Display displayOf(const Decode::Decoded& decoded, const Detect::Hit& hit);

struct Step
{
    QString name; ///< "gzip", "json", "$.events[3].payload", "base64" …
    QString detail; ///< "1.2 kB → 4.6 kB", "JSON document, 6 values"
    QString preview; ///< the start of that layer's text (inert), empty for path steps
};

struct Explanation
{
    QString text; ///< request line, headers and the decoded body (or response headers and body)
    qsizetype highlightStart = -1; ///< in `text`, in QChar units
    qsizetype highlightLength = 0;
    QList<Step> steps;
    QStringList notes; ///< what the decoder said (limits, broken input)
    QString error;
};

/// Re-decodes the finding's flow and lays it out for display.
Explanation explain(Investigation& investigation, const Data::FindingRow& finding);

/// Text from a capture made safe for a plain-text view without changing its length: control characters
/// (except newline and tab) and bidi controls become '·'.
QString inertText(const QByteArray& utf8);

} // namespace Evidence
