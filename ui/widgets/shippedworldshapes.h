// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/worldshapes.h"

#include <QString>

#include <vector>

/// The world map the app ships (or the user's updated copy), decoded once per process (≈ 240 countries, a few
/// milliseconds) for every map in the window: the country shapes without Antarctica, and each one's alpha-2 code.
struct ShippedWorldShapes
{
    std::vector<CountryShape> shapes;
    std::vector<QString> alpha2;

    static const ShippedWorldShapes& get();
};
