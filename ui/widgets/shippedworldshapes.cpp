// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shippedworldshapes.h"

#include "common/paths.h"
#include "enrich/referencedata.h"
#include "refdata/refdatacatalogue.h"

const ShippedWorldShapes& ShippedWorldShapes::get()
{
    static const ShippedWorldShapes shapes = [] {
        const auto data = ReferenceData::shared();
        QString path = RefDataCatalogue::load().path(QStringLiteral("world-map"));
        if (path.isEmpty())
            path = Paths::dataFile(QStringLiteral("countries-50m.json"));
        TopoJson::Result decoded = TopoJson::decodeFile(path);
        ShippedWorldShapes out;
        for (CountryShape& s : decoded.shapes) {
            if (s.id == QLatin1String("010"))
                continue; // Antarctica: no servers, a fifth of the height
            const CountryTable::Country* c = data->countries().byNumeric(s.id);
            out.alpha2.push_back(c ? c->alpha2 : s.name == QLatin1String("Kosovo") ? QStringLiteral("XK") : QString());
            out.shapes.push_back(std::move(s));
        }
        return out;
    }();
    return shapes;
}
