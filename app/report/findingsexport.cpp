// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingsexport.h"

#include "detect/categories.h"
#include "detect/findingstore.h"
#include "jsonwriter.h"
#include "store/investigation.h"

#include <QHash>

namespace FindingsExport {

void write(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    QHash<qint64, QString> captureNames;
    for (const auto& c : inv.captures())
        captureNames.insert(c.id, c.fileName);
    w.key("findings");
    w.startArray();
    for (const Data::FindingRow& f : FindingStore::deduplicated(inv.db(), filter)) {
        w.startObject();
        w.key("app");
        w.stringOrNull(f.app);
        w.key("capture");
        w.value(f.captureId);
        w.key("capture_file");
        w.stringOrNull(captureNames.value(f.captureId));
        w.key("category");
        w.value(f.category);
        w.key("category_name");
        w.value(Categories::displayName(f.category));
        w.key("host");
        w.stringOrNull(f.host);
        w.key("registrable_domain");
        w.stringOrNull(f.registrableDomain);
        w.key("flow");
        w.value(f.flowId);
        w.key("timestamp");
        w.timestamp(f.ts);
        w.key("direction");
        w.value(f.direction);
        w.key("location");
        w.value(f.location);
        w.key("key");
        w.stringOrNull(f.key);
        w.key("evidence");
        w.value(f.evidence);
        w.key("confidence");
        w.value(Confidence::name(f.confidence));
        w.key("known_identifier");
        w.stringOrNull(f.knownIdentifier);
        w.key("variant");
        w.stringOrNull(f.variant);
        w.key("encoding_chain");
        w.value(f.encodingChain);
        w.key("reason");
        w.value(f.reason);
        w.key("detector");
        w.value(f.detector);
        w.key("value_hash");
        w.value(f.valueHash);
        w.key("occurrences");
        w.value(f.occurrences);
        w.key("flows");
        w.startArray();
        for (qint64 id : f.flows)
            w.value(id);
        w.endArray();
        w.endObject();
    }
    w.endArray();
}

} // namespace FindingsExport
