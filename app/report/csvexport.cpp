// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvexport.h"

#include "csvwriter.h"
#include "detect/categories.h"
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "uploads/uploadstore.h"

#include <QDir>
#include <QHash>
#include <QSaveFile>

namespace CsvExport {

namespace {

QStringList ids(const QList<qint64>& values)
{
    QStringList out;
    out.reserve(values.size());
    for (const qint64 v : values)
        out.append(QString::number(v));
    return out;
}

/// The completeness flags by name (records.h), so a spreadsheet can filter on "encrypted" or "body_missing".
QStringList flagNames(quint32 flags)
{
    static const std::pair<quint32, const char*> names[] = {
        { Data::BodyMissing, "body_missing" },
        { Data::BodyTruncated, "body_truncated" },
        { Data::BodyLossyText, "body_lossy_text" },
        { Data::ReassemblyGap, "reassembly_gap" },
        { Data::HeadersOnly, "headers_only" },
        { Data::Encrypted, "encrypted" },
        { Data::Decrypted, "decrypted" },
        { Data::Incomplete, "incomplete" },
        { Data::Replayed, "replayed" },
        { Data::Tunnel, "tunnel" },
    };
    QStringList out;
    for (const auto& [bit, name] : names) {
        if (flags & bit)
            out.append(QString::fromLatin1(name));
    }
    return out;
}

void optionalCount(CsvWriter& w, qint64 value)
{
    w.field(value < 0 ? QString() : QString::number(value));
}

void flowOrEmpty(CsvWriter& w, qint64 flowId)
{
    w.field(flowId ? QString::number(flowId) : QString());
}

qint64 destinations(Investigation& inv, CsvWriter& w, const Data::Filter& filter)
{
    for (const Data::DestinationRow& row : DestinationQuery::load(inv.db(), filter)) {
        const Data::Destination& d = *row.destination;
        w.field(d.app);
        w.field(d.host);
        w.field(d.registrableDomain);
        w.field(d.ownerDomain);
        w.list(row.ips);
        w.list(row.countries);
        w.field(d.asn ? QString::number(d.asn) : QString());
        w.field(d.asOrg);
        w.field(d.cdn);
        w.field(d.entityName);
        w.field(d.entityId);
        w.field(d.rootEntityId == d.entityId ? QString() : d.rootEntityName);
        w.field(d.entityCategory);
        w.field(d.hqCountry);
        w.field(d.legalDomicile);
        w.field(d.listOwner);
        w.field(d.listOwnerSource);
        w.field(d.trackerCategory);
        w.field(d.firstParty < 0 ? QString() : d.firstParty == 1 ? QStringLiteral("true") : QStringLiteral("false"));
        w.field(d.firstPartyReason);
        w.field(row.requests);
        w.field(row.connections);
        w.field(row.bytesSent);
        w.field(row.bytesReceived);
        w.timestamp(row.firstSeen);
        w.timestamp(row.lastSeen);
        w.field(row.encryptedOnly);
        w.endRow();
    }
    return w.rows() - 1;
}

qint64 findings(Investigation& inv, CsvWriter& w, const Data::Filter& filter)
{
    QHash<qint64, QString> captureNames;
    for (const auto& c : inv.captures())
        captureNames.insert(c.id, c.fileName);
    for (const Data::FindingRow& f : FindingStore::deduplicated(inv.db(), filter)) {
        w.field(f.app);
        w.field(f.captureId);
        w.field(captureNames.value(f.captureId));
        w.field(f.category);
        w.field(Categories::displayName(f.category));
        w.field(f.host);
        w.field(f.registrableDomain);
        w.field(f.company);
        w.field(f.flowId);
        w.timestamp(f.ts);
        w.field(f.direction);
        w.field(f.location);
        w.field(f.key);
        w.field(f.evidence);
        w.field(Confidence::name(f.confidence));
        w.field(f.knownIdentifier);
        w.field(f.variant);
        w.field(f.encodingChain);
        w.field(f.reason);
        w.field(f.detector);
        w.field(f.valueHash);
        w.field(f.occurrences);
        w.list(ids(f.flows));
        w.endRow();
    }
    return w.rows() - 1;
}

qint64 uploads(Investigation& inv, CsvWriter& w, const Data::Filter& filter)
{
    for (const Data::UploadSession& s : UploadStore::sessions(inv.db(), filter)) {
        w.field(s.app);
        w.field(s.captureId);
        w.field(s.captureFile);
        w.field(s.host);
        w.field(s.registrableDomain);
        w.field(s.mediaType);
        w.field(s.mediaClass);
        w.field(s.bytes);
        w.field(s.bytesSent);
        w.field(s.total);
        w.field(QString::number(s.coverage, 'f', 4));
        w.field(s.complete);
        w.field(static_cast<qint64>(s.chunks));
        w.field(static_cast<qint64>(s.retries));
        w.field(s.protocol);
        w.field(s.uploadId);
        w.field(s.url);
        w.timestamp(s.started);
        w.timestamp(s.finished);
        w.field(s.sha256);
        w.field(s.fingerprint.isMedia() ? s.fingerprint.describe() : QString());
        w.field(s.mediaMatch);
        w.field(s.referenceMedia);
        w.field(s.beforeMarker);
        w.field(s.afterMarker);
        w.field(s.classified ? s.classification : QStringLiteral("unknown"));
        w.field(s.postTs ? QString::number(double(s.postDeltaUs) / 1e6, 'f', 3) : QString());
        w.field(s.bytesBeforePost);
        w.field(s.fullyBeforePost);
        w.field(s.discardedDraft);
        w.field(s.cancelAfterDiscard < 0    ? QString()
                : s.cancelAfterDiscard == 1 ? QStringLiteral("true")
                                            : QStringLiteral("false"));
        flowOrEmpty(w, s.publishFlowId);
        w.timestamp(s.publishTs);
        flowOrEmpty(w, s.cancelFlowId);
        flowOrEmpty(w, s.firstFlowId);
        w.field((s.notes + s.classificationNotes).join(QStringLiteral("; ")));
        w.endRow();
    }
    return w.rows() - 1;
}

qint64 flows(
    Investigation& inv, CsvWriter& w, const Data::Filter& filter, const ProgressCallback& progress, bool* cancelled)
{
    QHash<qint64, QString> captureNames;
    for (const auto& c : inv.captures())
        captureNames.insert(c.id, c.fileName);
    const std::vector<qint64> all = FlowQuery::ids(inv.db(), filter, FlowQuery::SortKey::Time);
    constexpr size_t block = 2000; // rows read per query: bounded memory for a million flows
    for (size_t start = 0; start < all.size(); start += block) {
        const std::vector<qint64> part(all.begin() + static_cast<std::ptrdiff_t>(start),
            all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), start + block)));
        for (const Data::FlowRow& f : FlowQuery::rows(inv.db(), part)) {
            w.field(f.id);
            w.field(f.captureId);
            w.field(captureNames.value(f.captureId));
            w.timestamp(f.ts);
            w.field(f.app);
            w.field(f.method);
            w.field(f.host);
            w.field(f.url);
            w.field(f.status ? QString::number(f.status) : QString());
            w.field(f.contentType);
            optionalCount(w, f.sent);
            optionalCount(w, f.received);
            w.field(f.l7);
            w.list(flagNames(f.flags));
            w.field(f.bookmarked);
            w.field(f.note);
            w.endRow();
        }
        if (progress && !progress(static_cast<qint64>(start + part.size()), static_cast<qint64>(all.size()))) {
            *cancelled = true;
            return -1;
        }
    }
    return w.rows() - 1;
}

} // namespace

QString fileName(Table table)
{
    switch (table) {
    case Table::Destinations:
        return QStringLiteral("destinations.csv");
    case Table::Findings:
        return QStringLiteral("findings.csv");
    case Table::Uploads:
        return QStringLiteral("uploads.csv");
    case Table::Flows:
        return QStringLiteral("flows.csv");
    }
    return {};
}

QStringList columns(Table table)
{
    switch (table) {
    case Table::Destinations:
        return { QStringLiteral("app"), QStringLiteral("host"), QStringLiteral("registrable_domain"),
            QStringLiteral("owner_domain"), QStringLiteral("ips"), QStringLiteral("countries"), QStringLiteral("asn"),
            QStringLiteral("as_org"), QStringLiteral("cdn"), QStringLiteral("entity"), QStringLiteral("entity_id"),
            QStringLiteral("entity_parent"), QStringLiteral("entity_category"), QStringLiteral("entity_hq_country"),
            QStringLiteral("entity_legal_domicile"), QStringLiteral("owner_per_optional_list"),
            QStringLiteral("optional_list"), QStringLiteral("tracker_category"), QStringLiteral("first_party"),
            QStringLiteral("first_party_reason"), QStringLiteral("requests"), QStringLiteral("connections"),
            QStringLiteral("bytes_sent"), QStringLiteral("bytes_received"), QStringLiteral("first_seen"),
            QStringLiteral("last_seen"), QStringLiteral("encrypted_only") };
    case Table::Findings:
        return { QStringLiteral("app"), QStringLiteral("capture"), QStringLiteral("capture_file"),
            QStringLiteral("category"), QStringLiteral("category_name"), QStringLiteral("host"),
            QStringLiteral("registrable_domain"), QStringLiteral("company"), QStringLiteral("flow"),
            QStringLiteral("timestamp"), QStringLiteral("direction"), QStringLiteral("location"), QStringLiteral("key"),
            QStringLiteral("evidence"), QStringLiteral("confidence"), QStringLiteral("known_identifier"),
            QStringLiteral("variant"), QStringLiteral("encoding_chain"), QStringLiteral("reason"),
            QStringLiteral("detector"), QStringLiteral("value_hash"), QStringLiteral("occurrences"),
            QStringLiteral("flows") };
    case Table::Uploads:
        return { QStringLiteral("app"), QStringLiteral("capture"), QStringLiteral("capture_file"),
            QStringLiteral("host"), QStringLiteral("registrable_domain"), QStringLiteral("media_type"),
            QStringLiteral("media_class"), QStringLiteral("bytes"), QStringLiteral("bytes_sent"),
            QStringLiteral("total_size"), QStringLiteral("coverage"), QStringLiteral("complete"),
            QStringLiteral("chunks"), QStringLiteral("retries"), QStringLiteral("protocol"),
            QStringLiteral("upload_id"), QStringLiteral("url"), QStringLiteral("started"), QStringLiteral("finished"),
            QStringLiteral("sha256"), QStringLiteral("media"), QStringLiteral("reference_media_match"),
            QStringLiteral("reference_media"), QStringLiteral("before_marker"), QStringLiteral("after_marker"),
            QStringLiteral("classification"), QStringLiteral("seconds_before_post"),
            QStringLiteral("bytes_before_post"), QStringLiteral("fully_uploaded_before_post"),
            QStringLiteral("discarded_draft"), QStringLiteral("cancel_after_discard"), QStringLiteral("publish_flow"),
            QStringLiteral("publish_timestamp"), QStringLiteral("cancel_flow"), QStringLiteral("flow"),
            QStringLiteral("notes") };
    case Table::Flows:
        return { QStringLiteral("id"), QStringLiteral("capture"), QStringLiteral("capture_file"),
            QStringLiteral("timestamp"), QStringLiteral("app"), QStringLiteral("method"), QStringLiteral("host"),
            QStringLiteral("url"), QStringLiteral("status"), QStringLiteral("content_type"),
            QStringLiteral("bytes_sent"), QStringLiteral("bytes_received"), QStringLiteral("protocol"),
            QStringLiteral("flags"), QStringLiteral("bookmarked"), QStringLiteral("note") };
    }
    return {};
}

qint64 write(Investigation& inv, Table table, QIODevice& out, const Data::Filter& filter, QString* error,
    const ProgressCallback& progress)
{
    CsvWriter w(out);
    w.row(columns(table));
    qint64 rows = -1;
    bool cancelled = false;
    try {
        switch (table) {
        case Table::Destinations:
            rows = destinations(inv, w, filter);
            break;
        case Table::Findings:
            rows = findings(inv, w, filter);
            break;
        case Table::Uploads:
            rows = uploads(inv, w, filter);
            break;
        case Table::Flows:
            rows = flows(inv, w, filter, progress, &cancelled);
            break;
        }
    } catch (const StoreError& e) {
        if (error)
            *error = e.message();
        return -1;
    }
    if (cancelled) {
        if (error)
            *error = QStringLiteral("cancelled");
        return -1;
    }
    if (!w.finish()) {
        if (error)
            *error = out.errorString();
        return -1;
    }
    return rows;
}

Result writeAll(
    Investigation& inv, const QString& directory, const Data::Filter& filter, const ProgressCallback& progress)
{
    Result result;
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory)) {
        result.error = QStringLiteral("%1: cannot create the folder").arg(directory);
        return result;
    }
    for (size_t i = 0; i < allTables.size(); ++i) {
        const Table table = allTables[i];
        const QString path = dir.absoluteFilePath(fileName(table));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            result.error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
            return result;
        }
        // Progress: each table is a quarter; flows report their own share within theirs.
        const qint64 base = static_cast<qint64>(i) * 1000;
        ProgressCallback part;
        if (progress)
            part = [&](qint64 done, qint64 total) {
                return progress(base + (total > 0 ? done * 1000 / total : 1000), 4000);
            };
        if (progress && !progress(base, 4000)) {
            result.error = QStringLiteral("cancelled");
            return result;
        }
        QString why;
        const qint64 rows = write(inv, table, file, filter, &why, part);
        if (rows < 0 || !file.commit()) {
            result.error = QStringLiteral("%1: %2").arg(path, why.isEmpty() ? file.errorString() : why);
            return result;
        }
        result.rows[i] = rows;
        result.files.append(path);
    }
    if (progress)
        progress(4000, 4000);
    result.ok = true;
    return result;
}

} // namespace CsvExport
