// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/timeutil.h"
#include "reportsections.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "uploads/compare.h"
#include "uploads/timelinedata.h"
#include "uploads/uploadstore.h"

#include <QJsonArray>

namespace Report::Sections {

namespace {

QString classText(const Data::UploadSession& s)
{
    if (s.mediaClass == u"video")
        return QStringLiteral("video");
    if (s.mediaClass == u"image")
        return QStringLiteral("a photo");
    if (s.mediaClass == u"audio")
        return QStringLiteral("audio");
    return QStringLiteral("data (%1)").arg(s.mediaType);
}

QString matchText(const Data::UploadSession& s)
{
    if (s.mediaMatch == u"exact")
        return QStringLiteral("the reference media %1, byte for byte").arg(s.referenceMedia);
    if (s.mediaMatch == u"structural")
        return QStringLiteral("a re-encoded copy of the reference media %1").arg(s.referenceMedia);
    return {};
}

/// Host names in the figure come from the captures: redacted and made inert like every other string.
QJsonObject redactedTimeline(const Context& c, QJsonObject data)
{
    QJsonArray lanes;
    for (const QJsonValue& v : data.value(QStringLiteral("lanes")).toArray()) {
        QJsonObject lane = v.toObject();
        lane.insert(QStringLiteral("name"), c.text(lane.value(QStringLiteral("name")).toString(), 120));
        QJsonArray hosts;
        for (const QJsonValue& h : lane.value(QStringLiteral("hosts")).toArray())
            hosts.append(c.text(h.toString(), 200));
        lane.insert(QStringLiteral("hosts"), hosts);
        lanes.append(lane);
    }
    data.insert(QStringLiteral("lanes"), lanes);
    QJsonArray markers;
    for (const QJsonValue& v : data.value(QStringLiteral("markers")).toArray()) {
        QJsonObject m = v.toObject();
        m.insert(QStringLiteral("label"), c.text(m.value(QStringLiteral("label")).toString(), 60));
        markers.append(m);
    }
    data.insert(QStringLiteral("markers"), markers);
    return data;
}

/// In a report with one part per app, a run belongs to the part of the app whose traffic it holds.
bool captureHasApp(Investigation& inv, qint64 captureId, qint64 appId)
{
    Statement st(inv.db().handle(),
        "SELECT EXISTS (SELECT 1 FROM flows WHERE capture_id = ?1 AND app_id = ?2) OR "
        "EXISTS (SELECT 1 FROM connections WHERE capture_id = ?1 AND app_id = ?2)");
    st.bind(1, captureId);
    st.bind(2, appId);
    return st.step() && st.int64(0);
}

} // namespace

Contribution uploads(Context& c)
{
    Investigation& inv = c.investigation;
    Contribution out;
    const std::vector<Data::UploadSession> sessions = UploadStore::sessions(inv.db(), c.options.filter);
    const std::vector<Data::UploadBurst> bursts = UploadStore::bursts(inv.db(), c.options.filter);
    out.blocks.push_back(Heading { 1, c.title(QStringLiteral("Uploads before Post")), true });
    out.blocks.push_back(Paragraph { QStringLiteral(
        "Requests that carried media or large bodies out of the device are grouped into upload sessions (chunks and "
        "retries of one upload together) and lined up against the investigator's markers of what they did in the app "
        "(opened the composer, selected the media, tapped Post or Discard), after correcting the difference between "
        "the "
        "investigator's clock and the capture's. An upload that started before the Post marker, or in a run with no "
        "Post "
        "at all, is classified as before Post. Where the investigator registered the media they used, each upload is "
        "compared with it: exact (the same bytes) or structural (same dimensions and duration: the app re-encoded "
        "it).") });
    if (sessions.empty() && bursts.empty()) {
        out.blocks.push_back(
            Paragraph { QStringLiteral("No upload was seen: no request carried media or a large body out.") });
        return out;
    }

    std::vector<qint64> captures;
    for (const auto& s : sessions) {
        if (std::find(captures.begin(), captures.end(), s.captureId) == captures.end())
            captures.push_back(s.captureId);
    }
    for (const auto& b : bursts) {
        if (std::find(captures.begin(), captures.end(), b.captureId) == captures.end())
            captures.push_back(b.captureId);
    }
    std::sort(captures.begin(), captures.end());
    for (const qint64 captureId : captures) {
        const auto capture = inv.capture(captureId);
        if (!capture)
            continue;
        const QString name = c.text(capture->label.isEmpty() ? capture->fileName : capture->label, 200);
        out.blocks.push_back(Heading { 2, QStringLiteral("Capture %1: %2").arg(captureId).arg(name) });
        const auto markers = MarkerStore::list(inv.db(), captureId);
        if (markers.empty())
            out.blocks.push_back(
                Paragraph { QStringLiteral("No markers were recorded for this capture: its uploads cannot be placed "
                                           "before or after Post."),
                    Paragraph::Small });
        else if (capture->clockOffsetUs)
            out.blocks.push_back(Paragraph {
                QStringLiteral("Markers were recorded on a clock %1 s %2 the capture's; they are shown "
                               "corrected.")
                    .arg(std::abs(double(capture->clockOffsetUs)) / 1e6, 0, 'f', 3)
                    .arg(capture->clockOffsetUs > 0 ? QStringLiteral("ahead of") : QStringLiteral("behind")),
                Paragraph::Small });
        Figure figure;
        figure.kind = QStringLiteral("timeline");
        figure.data = redactedTimeline(c, TimelineData::build(inv, captureId, 500));
        figure.caption =
            QStringLiteral("Uploads and the investigator's markers in capture %1 (orange: started before Post; blue: "
                           "after Post; hatched: encrypted, circumstantial)")
                .arg(captureId);
        const int lanes = static_cast<int>(figure.data.value(QStringLiteral("lanes")).toArray().size());
        figure.heightRatio = std::clamp(0.12 + 0.055 * std::max(1, lanes), 0.2, 0.6);
        out.blocks.push_back(figure);

        Table table;
        table.caption = QStringLiteral("Upload sessions in capture %1").arg(captureId);
        table.headers = { QStringLiteral("Started (UTC)"), QStringLiteral("Destination"), QStringLiteral("What"),
            QStringLiteral("Bytes"), QStringLiteral("vs. Post"), QStringLiteral("Reference media"),
            QStringLiteral("Publish / cancel call") };
        table.columnWeights = { 2.1, 2.6, 2.8, 1.3, 2.2, 1.6, 2.2 };
        for (const auto& s : sessions) {
            if (s.captureId != captureId)
                continue;
            QString vsPost = s.classification.isEmpty() ? QStringLiteral("unknown") : s.classification;
            if (s.postTs)
                vsPost += QStringLiteral(", %1 s %2")
                              .arg(std::abs(double(s.postDeltaUs)) / 1e6, 0, 'f', 1)
                              .arg(s.postDeltaUs >= 0 ? QStringLiteral("before") : QStringLiteral("after"));
            if (s.discardedDraft)
                vsPost += QStringLiteral(", discarded draft");
            QString calls = s.publishFlowId
                ? QStringLiteral("publish: flow %1%2")
                      .arg(s.publishFlowId)
                      .arg(s.publishHasCaption ? QStringLiteral(" (with the caption)") : QString())
                : QStringLiteral("no publish call");
            calls += s.cancelFlowId ? QStringLiteral("; cancel: flow %1").arg(s.cancelFlowId)
                                    : QStringLiteral("; no cancel call");
            table.rows.push_back({ TimeUtil::formatIsoUtc(s.started), c.text(s.host, 200),
                c.text(s.fingerprint.isMedia() ? s.fingerprint.describe() : s.mediaType, 300),
                QString::number(s.bytes) + (s.complete ? QString() : QStringLiteral(" of %1").arg(s.total)), vsPost,
                s.mediaMatch.isEmpty() ? QStringLiteral("none registered") : s.mediaMatch, calls });
            if (s.classification == u"before_post" && !s.mediaClass.isEmpty()) {
                QString sentence =
                    QStringLiteral("Before Post, %1 of %2 reached %3 in \"%4\"")
                        .arg(Compare::sizeText(s.bytesBeforePost), classText(s), c.text(s.host, 200), name);
                if (!matchText(s).isEmpty())
                    sentence += QStringLiteral(": %1").arg(matchText(s));
                if (s.discardedDraft)
                    sentence += s.cancelAfterDiscard == 1
                        ? QStringLiteral("; the app cancelled it after Discard")
                        : QStringLiteral("; the draft was discarded and the app never cancelled the upload");
                out.summary.append(sentence + u'.');
            }
        }
        table.emptyText = QStringLiteral("No upload session in this capture (only encrypted traffic).");
        out.blocks.push_back(table);
        std::vector<QStringList> burstRows;
        for (const auto& b : bursts) {
            if (b.captureId == captureId)
                burstRows.push_back(
                    { TimeUtil::formatIsoUtc(b.started), c.text(b.host, 200), QString::number(b.bytesUp),
                        b.classification.isEmpty() ? QStringLiteral("unknown") : b.classification,
                        b.betweenMediaAndPost ? QStringLiteral("yes") : QStringLiteral("no") });
        }
        if (!burstRows.empty())
            out.blocks.push_back(Table {
                QStringLiteral("Outbound bytes on encrypted connections in capture %1 (circumstantial: the content "
                               "could not be read)")
                    .arg(captureId),
                { QStringLiteral("Started (UTC)"), QStringLiteral("Destination"), QStringLiteral("Bytes sent"),
                    QStringLiteral("vs. Post"), QStringLiteral("Between media selection and Post") },
                burstRows, { 2.2, 3, 1.4, 1.4, 1.8 }, {} });
    }

    // Draft discarded vs posted: the first pair of runs whose markers say which is which.
    qint64 discarded = 0, posted = 0;
    for (const auto& cap : inv.captures()) {
        if (!c.options.filter.captureIds.isEmpty() && !c.options.filter.captureIds.contains(cap.id))
            continue;
        if (!c.part.isEmpty() && c.options.filter.appIds.size() == 1
            && !captureHasApp(inv, cap.id, c.options.filter.appIds.front()))
            continue;
        for (const auto& m : MarkerStore::list(inv.db(), cap.id)) {
            if (m.label == u"discarded" && !discarded)
                discarded = cap.id;
            if (m.label == u"tapped_post" && !posted)
                posted = cap.id;
        }
    }
    if (discarded && posted && discarded != posted) {
        const Data::Comparison cmp = Compare::build(inv, discarded, posted);
        out.blocks.push_back(Heading {
            2, QStringLiteral("Draft discarded (capture %1) vs posted (capture %2)").arg(discarded).arg(posted) });
        QStringList sentences;
        for (const QString& s : cmp.summary)
            sentences.append(c.text(s, 2000));
        out.blocks.push_back(BulletList { sentences });
        Table t;
        t.caption = QStringLiteral("Uploads per destination in the two runs");
        t.headers = { QStringLiteral("Destination"), QStringLiteral("Discarded run"), QStringLiteral("Posted run"),
            QStringLiteral("Same media?"), QStringLiteral("Publish call") };
        t.columnWeights = { 3, 2, 2, 1.6, 2.4 };
        for (const auto& u : cmp.uploads)
            t.rows.push_back(
                { c.text(u.host, 200), QStringLiteral("%1 bytes, %2 before Post").arg(u.bytesA).arg(u.bytesBeforePostA),
                    QStringLiteral("%1 bytes, %2 before Post").arg(u.bytesB).arg(u.bytesBeforePostB),
                    u.mediaMatch.isEmpty() ? QStringLiteral("one run only") : u.mediaMatch,
                    u.publishFlowB && !u.publishFlowA      ? QStringLiteral("posted run only")
                        : u.publishFlowA && u.publishFlowB ? QStringLiteral("both runs")
                        : u.publishFlowA                   ? QStringLiteral("discarded run only")
                                                           : QStringLiteral("none") });
        out.blocks.push_back(t);
        if (!cmp.summary.isEmpty())
            out.summary.append(c.text(cmp.summary.first(), 2000));
    }
    return out;
}

} // namespace Report::Sections
