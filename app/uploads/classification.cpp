// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "classification.h"

#include "common/timeutil.h"

#include <algorithm>
#include <map>

namespace Uploads {

namespace {

const AlignedMarker* lastAtOrBefore(const std::vector<AlignedMarker>& markers, Data::Timestamp ts)
{
    const AlignedMarker* found = nullptr;
    for (const AlignedMarker& m : markers) {
        if (m.ts <= ts)
            found = &m;
        else
            break;
    }
    return found;
}

const AlignedMarker* firstAfter(const std::vector<AlignedMarker>& markers, Data::Timestamp ts)
{
    for (const AlignedMarker& m : markers) {
        if (m.ts > ts)
            return &m;
    }
    return nullptr;
}

const AlignedMarker* first(const std::vector<AlignedMarker>& markers, const char* label, Data::Timestamp from = 0)
{
    for (const AlignedMarker& m : markers) {
        if (m.label == QLatin1String(label) && m.ts >= from)
            return &m;
    }
    return nullptr;
}

const AlignedMarker* last(const std::vector<AlignedMarker>& markers, const char* label)
{
    const AlignedMarker* found = nullptr;
    for (const AlignedMarker& m : markers) {
        if (m.label == QLatin1String(label))
            found = &m;
    }
    return found;
}

QString seconds(qint64 us)
{
    return QStringLiteral("%1 s").arg(double(us) / 1e6, 0, 'f', 1);
}

/// Distinct bytes of the chunks that started before `limit` (all when limit is 0).
qint64 bytesBefore(const std::vector<Data::UploadChunk>& chunks, Data::Timestamp limit)
{
    std::vector<std::pair<qint64, qint64>> ranges;
    for (const Data::UploadChunk& c : chunks) {
        if (c.retry && limit == 0)
            continue;
        if (limit && c.tsStart >= limit)
            continue;
        if (c.length > 0)
            ranges.emplace_back(c.offset, c.offset + c.length);
    }
    std::sort(ranges.begin(), ranges.end());
    qint64 total = 0, reach = 0;
    for (const auto& [from, to] : ranges) {
        if (to > reach) {
            total += to - std::max(from, reach);
            reach = to;
        }
    }
    return total;
}

} // namespace

void classify(Data::UploadSession& s, const std::vector<Data::UploadChunk>& chunks,
    const std::vector<AlignedMarker>& markers, qint64 tolerance)
{
    s.classified = true;
    s.classificationNotes.clear();
    s.beforeMarker.clear();
    s.afterMarker.clear();
    s.postTs = 0;
    s.postDeltaUs = 0;
    s.discardedDraft = false;
    s.discardTs = 0;
    s.cancelAfterDiscard = -1;
    s.uncertain = false;
    if (markers.empty()) {
        s.classification = QStringLiteral("unknown");
        s.bytesBeforePost = 0;
        s.shareBeforePost = 0;
        s.fullyBeforePost = false;
        s.classificationNotes.append(QStringLiteral("no markers for this capture: add them to classify the upload"));
        return;
    }
    if (const AlignedMarker* b = lastAtOrBefore(markers, s.started))
        s.beforeMarker = b->label;
    if (const AlignedMarker* a = firstAfter(markers, s.started))
        s.afterMarker = a->label;

    const AlignedMarker* post = first(markers, "tapped_post", s.started);
    const AlignedMarker* earlierPost = last(markers, "tapped_post");
    if (post) {
        s.classification = QStringLiteral("before_post");
        s.postTs = post->ts;
        s.postDeltaUs = post->ts - s.started;
        s.bytesBeforePost = bytesBefore(chunks, post->ts);
        s.fullyBeforePost = s.complete && s.finished < post->ts;
        if (s.postDeltaUs < tolerance) {
            s.uncertain = true;
            s.classificationNotes.append(QStringLiteral("started %1 before Post, within the clock tolerance of %2")
                                             .arg(seconds(s.postDeltaUs), seconds(tolerance)));
        }
    } else if (earlierPost) {
        s.classification = QStringLiteral("after_post");
        s.postTs = earlierPost->ts;
        s.postDeltaUs = earlierPost->ts - s.started;
        s.bytesBeforePost = 0;
        s.fullyBeforePost = false;
        if (-s.postDeltaUs < tolerance) {
            s.uncertain = true;
            s.classificationNotes.append(QStringLiteral("started %1 after Post, within the clock tolerance of %2")
                                             .arg(seconds(-s.postDeltaUs), seconds(tolerance)));
        }
    } else {
        // No Post in this capture (a discarded or saved draft): everything it sent left before any Post.
        s.classification = QStringLiteral("before_post");
        s.bytesBeforePost = s.bytes;
        s.fullyBeforePost = s.complete;
    }
    if (s.bytesBeforePost > s.bytes)
        s.bytesBeforePost = s.bytes;
    s.shareBeforePost = s.bytes > 0 ? double(s.bytesBeforePost) / double(s.bytes) : 0;

    // A discarded draft: the user discarded (no Post at all), and no publish call names the upload.
    const AlignedMarker* discard = last(markers, "discarded");
    if (discard && !earlierPost) {
        s.discardTs = discard->ts;
        if (!s.publishFlowId)
            s.discardedDraft = true;
        s.cancelAfterDiscard = s.cancelFlowId && s.cancelTs >= discard->ts - tolerance ? 1 : 0;
        if (s.cancelFlowId && s.cancelTs < discard->ts - tolerance)
            s.classificationNotes.append(
                QStringLiteral("the cancel call came %1 before Discard").arg(seconds(discard->ts - s.cancelTs)));
        if (!s.cancelAfterDiscard)
            s.classificationNotes.append(
                QStringLiteral("uploaded and not cancelled by the client; whether the server kept it cannot be seen"));
    }
    // The publish call should follow Post; one before it points at the clock or a mislabelled marker.
    if (s.publishFlowId && post && s.publishTs < post->ts - tolerance)
        s.classificationNotes.append(QStringLiteral("the publish call came %1 before tapped_post: check the clock "
                                                    "offset or the marker")
                                         .arg(seconds(post->ts - s.publishTs)));
    if (s.publishFlowId && !post && !earlierPost && !discard)
        s.classificationNotes.append(QStringLiteral("a publish call was made but no tapped_post marker was recorded"));
}

void classify(Data::UploadBurst& b, const std::vector<AlignedMarker>& markers, qint64 tolerance)
{
    b.beforeMarker.clear();
    b.afterMarker.clear();
    b.betweenMediaAndPost = false;
    if (markers.empty()) {
        b.classification = QStringLiteral("unknown");
        return;
    }
    if (const AlignedMarker* m = lastAtOrBefore(markers, b.started))
        b.beforeMarker = m->label;
    if (const AlignedMarker* m = firstAfter(markers, b.started))
        b.afterMarker = m->label;
    const AlignedMarker* post = first(markers, "tapped_post", b.started);
    const AlignedMarker* anyPost = last(markers, "tapped_post");
    b.classification = post || !anyPost ? QStringLiteral("before_post") : QStringLiteral("after_post");
    const AlignedMarker* media = first(markers, "media_selected");
    if (!media)
        media = first(markers, "tapped_next");
    if (!media)
        media = first(markers, "opened_composer");
    const AlignedMarker* end = post ? post : last(markers, "discarded");
    if (media && !post && anyPost)
        return; // after Post
    if (media && b.started >= media->ts - tolerance && (!end || b.started < end->ts))
        b.betweenMediaAndPost = true;
}

} // namespace Uploads
