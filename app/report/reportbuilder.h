// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportmodel.h"
#include "redactor.h"

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
