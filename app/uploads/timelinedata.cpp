// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinedata.h"

#include "destinationnames.h"
#include "store/database.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploadstore.h"

#include <QJsonArray>

#include <map>

namespace TimelineData {

QJsonObject build(Investigation& inv, qint64 captureId, int maxRequests)
{
    QJsonObject out;
    const auto capture = inv.capture(captureId);
    if (!capture)
        return out;
    Database& db = inv.db();
    const DestinationNames names(db);
    Data::Filter filter;
    filter.captureIds = { captureId };
    const auto sessions = UploadStore::sessions(db, filter);
    const auto bursts = UploadStore::bursts(db, filter);

    // Lanes: destinations that received uploads or bursts, by first activity.
    std::vector<QString> laneOrder;
    std::map<QString, int> laneIndex;
    std::map<QString, QStringList> laneHosts;
    auto lane = [&](const QString& host) {
        const QString name = names.lane(host);
        auto it = laneIndex.find(name);
        if (it == laneIndex.end()) {
            it = laneIndex.emplace(name, static_cast<int>(laneOrder.size())).first;
            laneOrder.push_back(name);
        }
        if (!laneHosts[name].contains(host))
            laneHosts[name].append(host);
        return it->second;
    };
    struct Item
    {
        qint64 start;
        QString host;
    };
    std::vector<Item> items;
    for (const auto& s : sessions)
        items.push_back({ s.started, s.host });
    for (const auto& b : bursts)
        items.push_back({ b.started, b.host });
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.start < b.start; });
    for (const Item& i : items)
        lane(i.host);

    QJsonArray bars;
    for (const auto& s : sessions) {
        QJsonObject b;
        b.insert(QStringLiteral("lane"), lane(s.host));
        b.insert(QStringLiteral("session"), s.id);
        b.insert(QStringLiteral("start"), s.started);
        b.insert(QStringLiteral("end"), std::max(s.finished, s.started));
        b.insert(QStringLiteral("bytes"), s.bytes);
        b.insert(QStringLiteral("media"), s.mediaClass.isEmpty() ? s.mediaType : s.mediaClass);
        b.insert(QStringLiteral("classification"), s.classified ? s.classification : QStringLiteral("unknown"));
        b.insert(QStringLiteral("match"), s.mediaMatch);
        b.insert(QStringLiteral("publish"), s.publishTs);
        bars.append(b);
    }
    QJsonArray burstArray;
    for (const auto& b : bursts) {
        QJsonObject o;
        o.insert(QStringLiteral("lane"), lane(b.host));
        o.insert(QStringLiteral("start"), b.started);
        o.insert(QStringLiteral("end"), std::max(b.finished, b.started));
        o.insert(QStringLiteral("bytes"), b.bytesUp);
        burstArray.append(o);
    }
    QJsonArray markers;
    qint64 from = capture->firstSeen, to = capture->lastSeen;
    for (const Data::Marker& m : MarkerStore::list(db, captureId)) {
        const qint64 ts = MarkerStore::toCaptureTime(m.ts, capture->clockOffsetUs);
        QJsonObject o;
        o.insert(QStringLiteral("id"), m.id);
        o.insert(QStringLiteral("ts"), ts);
        o.insert(QStringLiteral("label"), m.label);
        markers.append(o);
        if (ts && (!from || ts < from))
            from = ts;
        to = std::max(to, ts);
    }
    // Other requests to the lanes' hosts, as context.
    QJsonArray requests;
    {
        QHash<QString, int> hostLane;
        for (const auto& [name, hosts] : laneHosts) {
            for (const QString& h : hosts)
                hostLane.insert(h, laneIndex[name]);
        }
        Statement st(db.handle(),
            "SELECT lower(host), ts_start FROM flows WHERE capture_id = ?1 AND ts_start IS NOT NULL "
            "AND id NOT IN (SELECT flow_id FROM upload_flows WHERE role = 'chunk') ORDER BY ts_start");
        st.bind(1, captureId);
        while (st.step() && requests.size() < maxRequests) {
            const auto it = hostLane.constFind(st.text(0));
            if (it == hostLane.cend())
                continue;
            QJsonObject o;
            o.insert(QStringLiteral("lane"), it.value());
            o.insert(QStringLiteral("ts"), st.int64(1));
            requests.append(o);
        }
    }
    QJsonArray lanes;
    for (const QString& name : laneOrder) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), name);
        o.insert(QStringLiteral("hosts"), QJsonArray::fromStringList(laneHosts[name]));
        lanes.append(o);
    }
    out.insert(QStringLiteral("capture"), captureId);
    out.insert(QStringLiteral("title"), capture->label.isEmpty() ? capture->fileName : capture->label);
    out.insert(QStringLiteral("from"), from);
    out.insert(QStringLiteral("to"), std::max(to, from + 1000000));
    out.insert(QStringLiteral("clock_offset_us"), capture->clockOffsetUs);
    out.insert(QStringLiteral("lanes"), lanes);
    out.insert(QStringLiteral("bars"), bars);
    out.insert(QStringLiteral("bursts"), burstArray);
    out.insert(QStringLiteral("markers"), markers);
    out.insert(QStringLiteral("requests"), requests);
    return out;
}

} // namespace TimelineData
