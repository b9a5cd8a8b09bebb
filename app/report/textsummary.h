// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

class Investigation;

/// A short plain-text summary of an investigation, for terminals (`leakscope summary`, and the run command
/// on a machine without a display).
namespace TextSummary {
QString render(Investigation& investigation, const Data::Filter& filter = {});
}
