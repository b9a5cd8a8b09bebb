// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonexport.h"

#include "common/timeutil.h"
#include "destinationsjson.h"
#include "findingsexport.h"
#include "jsonwriter.h"
#include "store/filtersql.h"
#include "store/investigation.h"
#include "uploadsexport.h"

#include <map>

namespace JsonExport {

namespace {

void writeReferenceData(Investigation& inv, JsonWriter& w)
{
    DestinationsJson::writeReferenceData(inv, w);
}

void writeCaptures(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    w.key("captures");
    w.startArray();
    for (const auto& c : inv.captures()) {
        if (!filter.captureIds.isEmpty() && !filter.captureIds.contains(c.id))
            continue;
        w.startObject();
        w.key("id");
        w.value(c.id);
        w.key("file_name");
        w.value(c.fileName);
        w.key("sha256");
        w.value(c.sha256);
        w.key("file_size");
        w.value(c.fileSize);
        w.key("format");
        w.value(c.format);
        w.key("producer");
        w.stringOrNull(c.producer);
        w.key("app");
        w.stringOrNull(c.appHint);
        w.key("label");
        w.stringOrNull(c.label);
        w.key("flows");
        w.value(c.flowCount);
        w.key("connections");
        w.value(c.connectionCount);
        w.key("imported_at");
        w.timestamp(c.importedAt);
        w.key("first_seen");
        w.timestamp(c.firstSeen);
        w.key("last_seen");
        w.timestamp(c.lastSeen);
        w.key("clock_offset_ms");
        w.value(static_cast<double>(c.clockOffsetUs) / 1000.0);
        w.key("warnings");
        w.stringArray(inv.captureWarnings(c.id));
        w.endObject();
    }
    w.endArray();
}

void writeApps(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    w.key("apps");
    w.startArray();
    for (const auto& a : inv.apps()) {
        if (!filter.appIds.isEmpty() && !filter.appIds.contains(a.id))
            continue;
        w.startObject();
        w.key("name");
        w.value(a.name);
        w.key("package");
        w.stringOrNull(a.package);
        w.endObject();
    }
    w.endArray();
}

struct CoverageCounts
{
    qint64 flowsTotal = 0;
    qint64 flowsWithContent = 0;
    qint64 flowsEncryptedOnly = 0;
    qint64 bytesEncryptedOnly = 0;
};

void writeCounts(JsonWriter& w, const CoverageCounts& c)
{
    w.key("flows_total");
    w.value(c.flowsTotal);
    w.key("flows_with_content");
    w.value(c.flowsWithContent);
    w.key("flows_encrypted_only");
    w.value(c.flowsEncryptedOnly);
    w.key("bytes_encrypted_only");
    w.value(c.bytesEncryptedOnly);
}

/// What could be read versus what stayed encrypted (feature-anchors gap 9). A conversation counts once: an
/// HTTP flow, or a connection that carried no flow we could read.
void writeCoverage(Investigation& inv, JsonWriter& w, const Data::Filter& filter)
{
    constexpr quint32 opaque = Data::Encrypted | Data::HeadersOnly | Data::Tunnel;
    std::map<QString, CoverageCounts> perApp;
    CoverageCounts all;
    const FilterSql flowFilter(filter, FilterSql::Table::Flows, "f");
    const QByteArray flowSql = "SELECT coalesce(a.name, ''), count(*), sum((f.flags & " + QByteArray::number(opaque)
        + ") = 0), sum((f.flags & " + QByteArray::number(Data::Encrypted) + ") != 0), 0 "
        + "FROM flows f LEFT JOIN apps a ON a.id = f.app_id WHERE 1" + flowFilter.conditions() + " GROUP BY 1";
    Statement flows(inv.db().handle(), flowSql.constData());
    flowFilter.bind(flows);
    while (flows.step()) {
        CoverageCounts& c = perApp[flows.text(0)];
        c.flowsTotal += flows.int64(1);
        c.flowsWithContent += flows.int64(2);
        c.flowsEncryptedOnly += flows.int64(3);
    }
    const FilterSql connFilter(filter, FilterSql::Table::Connections, "c");
    const QByteArray connSql =
        "SELECT coalesce(a.name, ''), count(*), sum(c.bytes_up + c.bytes_down) FROM connections c "
        "LEFT JOIN apps a ON a.id = c.app_id WHERE NOT EXISTS (SELECT 1 FROM flows f WHERE f.connection_id = c.id) "
        "AND (c.flags & "
        + QByteArray::number(Data::Encrypted) + ") != 0" + connFilter.conditions() + " GROUP BY 1";
    Statement conns(inv.db().handle(), connSql.constData());
    connFilter.bind(conns);
    while (conns.step()) {
        CoverageCounts& c = perApp[conns.text(0)];
        c.flowsTotal += conns.int64(1);
        c.flowsEncryptedOnly += conns.int64(1);
        c.bytesEncryptedOnly += conns.int64(2);
    }
    for (const auto& [app, c] : perApp) {
        all.flowsTotal += c.flowsTotal;
        all.flowsWithContent += c.flowsWithContent;
        all.flowsEncryptedOnly += c.flowsEncryptedOnly;
        all.bytesEncryptedOnly += c.bytesEncryptedOnly;
    }
    w.key("coverage");
    w.startObject();
    writeCounts(w, all);
    w.key("per_app");
    w.startObject();
    for (const auto& [app, c] : perApp) {
        w.key(app.isEmpty() ? QStringLiteral("(unattributed)") : app);
        w.startObject();
        writeCounts(w, c);
        w.endObject();
    }
    w.endObject();
    w.endObject();
}

} // namespace

bool write(Investigation& inv, QIODevice& out, const Data::Filter& filter, QString* error)
{
    try {
        JsonWriter w(out);
        w.startObject();
        w.key("schema");
        w.value(SchemaId);
        w.key("generated_at");
        w.timestamp(TimeUtil::now());
        w.key("tool_version");
        w.value(QStringLiteral(LEAKSCOPE_VERSION));
        w.key("investigation");
        w.startObject();
        w.key("title");
        w.value(inv.title());
        w.key("reporter");
        w.stringOrNull(inv.property(QStringLiteral("reporter")));
        w.key("created");
        w.stringOrNull(inv.property(QStringLiteral("created")));
        w.endObject();
        writeReferenceData(inv, w);
        writeCaptures(inv, w, filter);
        writeApps(inv, w, filter);
        DestinationsJson::writeDestinations(inv, w, filter);
        FindingsExport::write(inv, w, filter);
        UploadsExport::writeMarkers(inv, w, filter);
        UploadsExport::writeUploads(inv, w, filter);
        writeCoverage(inv, w, filter);
        w.endObject();
        if (!w.flush()) {
            if (error)
                *error = out.errorString();
            return false;
        }
    } catch (const StoreError& e) {
        if (error)
            *error = e.message();
        return false;
    }
    return true;
}

} // namespace JsonExport
