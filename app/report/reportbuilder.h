// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "redactor.h"
#include "reportmodel.h"

#include <functional>

class Investigation;

namespace Report {

/// What a section of the report contributes: sentences for the one-page summary, and its own blocks.
struct Contribution
{
    QStringList summary;
    std::vector<Block> blocks;
};

/// Everything a section builder needs: the investigation, the options (with the app resolved into the
/// filter), and the redactor to pass every string from a capture through.
struct Context
{
    Investigation& investigation;
    const Options& options;
    const Redactor& redactor;
    QString appLabel; ///< "Vidzy", or "all apps"
    /// The app of this part when the report has one part per app (several apps in scope); empty otherwise.
    QString part = {};

    /// A chapter or section title, naming the part's app when there are several.
    QString title(const QString& text) const
    {
        return part.isEmpty() ? text : QStringLiteral("%1: %2").arg(part, text);
    }
    /// "China" for "CN" (ISO 3166 names from the reference data); "unknown" for an empty code.
    static QString countryName(const QString& alpha2);

    /// A string from a capture, ready for the report: redacted, and with control and bidi characters made
    /// visible so they cannot disguise what the reader sees.
    QString text(const QString& fromCapture, int maxLength = 2000, bool keepLineBreaks = false) const;
};

using SectionBuilder = std::function<Contribution(Context&)>;

/// Builds the report: title page, summary, then each section in order, ending with methodology, reference
/// data and the chain of custody. Throws StoreError; returns an empty model (and sets `error`) when the
/// options name an app the investigation does not have.
Model build(Investigation& investigation, const Options& options, QString* error = nullptr);

} // namespace Report
