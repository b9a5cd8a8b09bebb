// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionbuilder.h"

#include "common/numbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <map>

namespace Uploads {

bool accepted(int status)
{
    return (status >= 200 && status < 300) || status == 308;
}

std::vector<const Chunk*> Session::effectiveChunks() const
{
    std::vector<const Chunk*> out;
    for (const Chunk& c : chunks) {
        if (!c.retry)
            out.push_back(&c);
    }
    return out;
}

namespace {

/// An id worth looking for in later requests: long enough and not a plain word.
bool looksLikeId(const QString& s)
{
    if (s.size() < 6 || s.size() > 200)
        return false;
    bool digit = false;
    for (const QChar c : s) {
        if (c.isDigit())
            digit = true;
        else if (!c.isLetter() && c != u'-' && c != u'_' && c != u'.' && c != u':')
            return false;
    }
    return digit;
}

void addRef(QStringList& refs, const QString& ref)
{
    if (looksLikeId(ref) && !refs.contains(ref))
        refs.append(ref);
}

bool isIdKey(const QString& key)
{
    static const QRegularExpression re(
        QStringLiteral("^(upload|media|video|photo|asset|file|object|draft|entity)?[_-]?(id|key|handle|name)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch() && key.size() > 2;
}

void collectLinks(const QJsonValue& v, QStringList* urls, QStringList* ids, int depth)
{
    if (depth > 8)
        return;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it->isString()) {
                const QString s = it->toString();
                if (s.startsWith(u"http://") || s.startsWith(u"https://"))
                    urls->append(s);
                else if (isIdKey(it.key()))
                    ids->append(s);
            } else if (it->isDouble() && isIdKey(it.key())) {
                if (const std::optional<qint64> id = Numbers::toInteger<qint64>(it->toDouble()))
                    ids->append(QString::number(*id));
            } else {
                collectLinks(*it, urls, ids, depth + 1);
            }
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size() && i < 100; ++i)
            collectLinks(a.at(i), urls, ids, depth + 1);
    }
}

} // namespace

int SessionBuilder::sessionFor(const Step& step, const Request& r, bool create)
{
    auto it = m_byKey.constFind(step.key);
    if (it != m_byKey.cend()) {
        Session& s = m_sessions[it.value()];
        // A finished upload whose URL is used again from byte 0 is a new upload.
        const bool restart = step.role == Step::Role::Data && step.offset == 0 && s.serverConfirmed && !s.chunks.empty()
            && s.protocol != Protocol::S3Multipart;
        if (!restart)
            return it.value();
    }
    if (!create)
        return -1;
    Session s;
    s.protocol = step.protocol;
    s.key = step.key;
    s.captureId = r.captureId;
    s.appId = r.appId;
    s.host = r.host;
    const auto pending = m_pendingLinks.constFind(step.key);
    if (pending != m_pendingLinks.cend()) {
        s.createFlowId = pending->flowId;
        s.controlFlows.push_back(pending->flowId);
        if (!pending->uploadId.isEmpty())
            s.uploadId = pending->uploadId;
        addRef(s.refs, pending->uploadId);
    }
    m_sessions.push_back(std::move(s));
    const int index = static_cast<int>(m_sessions.size()) - 1;
    m_byKey.insert(step.key, index);
    return index;
}

void SessionBuilder::addResponseLinks(const Request& r)
{
    if (r.responseText.isEmpty() || !(r.responseText.startsWith('{') || r.responseText.startsWith('[')))
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.responseText, &error);
    if (doc.isNull())
        return;
    QStringList urls, ids;
    collectLinks(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), &urls, &ids, 0);
    QString id;
    for (const QString& candidate : std::as_const(ids)) {
        if (looksLikeId(candidate)) {
            id = candidate;
            break;
        }
    }
    for (const QString& u : std::as_const(urls)) {
        const QString key = normaliseUploadUrl(u);
        if (!m_byKey.contains(key) && !m_pendingLinks.contains(key))
            m_pendingLinks.insert(key, Pending { r.flowId, id });
    }
}

void SessionBuilder::add(const Request& r, const std::vector<Step>& steps)
{
    for (const Step& step : steps) {
        const bool isData = step.role == Step::Role::Data;
        const int index = sessionFor(step, r, isData || step.role == Step::Role::Create);
        if (index < 0)
            continue; // a query or cancel of an upload this capture did not show
        Session& s = m_sessions[index];
        if (s.protocol == Protocol::ContentRange && step.protocol != Protocol::ContentRange)
            s.protocol = step.protocol;
        if (step.total >= 0)
            s.declaredTotal = std::max(s.declaredTotal, step.total);
        if (!step.uploadId.isEmpty() && s.uploadId.isEmpty())
            s.uploadId = step.uploadId;
        addRef(s.refs, step.uploadId);
        if (!step.mediaTypeHint.isEmpty() && s.mediaTypeHint.isEmpty())
            s.mediaTypeHint = step.mediaTypeHint;
        if (!step.partName.isEmpty())
            s.partName = step.partName;
        switch (step.role) {
        case Step::Role::Create:
            if (!s.createFlowId)
                s.createFlowId = r.flowId;
            s.controlFlows.push_back(r.flowId);
            break;
        case Step::Role::Query:
            s.controlFlows.push_back(r.flowId);
            break;
        case Step::Role::Finalize:
            s.controlFlows.push_back(r.flowId);
            s.finalizeFlowId = r.flowId;
            if (accepted(r.status))
                s.serverConfirmed = true;
            break;
        case Step::Role::Cancel:
            if (!s.cancelFlowId) {
                s.cancelFlowId = r.flowId;
                s.cancelTs = r.tsStart;
            }
            break;
        case Step::Role::Data: {
            Chunk c;
            c.flowId = r.flowId;
            c.tsStart = r.tsStart;
            c.tsEnd = r.tsEnd ? r.tsEnd : r.tsStart;
            c.status = r.status;
            c.offset = step.offset;
            c.length = std::max<qint64>(0, step.length);
            c.partNumber = step.partNumber;
            c.source = step.payload;
            c.kept = r.bodyId != 0 && !(r.flags & (Data::BodyMissing | Data::BodyTruncated));
            if (s.chunks.empty()) {
                s.url = r.url;
                s.method = r.method;
                s.host = r.host;
            }
            s.chunks.push_back(c);
            s.confirmedBytes = std::max(s.confirmedBytes, step.confirmedOffset);
            if (step.finalizes && accepted(r.status)) {
                s.serverConfirmed = true;
                s.finalizeFlowId = r.flowId;
            }
            break;
        }
        }
    }
}

std::vector<Session> SessionBuilder::finish()
{
    std::vector<Session> out;
    for (Session& s : m_sessions) {
        if (s.chunks.empty())
            continue;
        // S3 parts: offsets follow from the part sizes, in part order.
        if (s.protocol == Protocol::S3Multipart) {
            std::map<int, const Chunk*> best;
            for (const Chunk& c : s.chunks) {
                const Chunk*& b = best[c.partNumber];
                if (!b || accepted(c.status) || !accepted(b->status))
                    b = &c;
            }
            std::map<int, qint64> offsets;
            qint64 next = 0;
            for (const auto& [part, c] : best) {
                offsets[part] = next;
                next += c->length;
            }
            for (Chunk& c : s.chunks)
                c.offset = offsets[c.partNumber];
        }
        // Chunks without a position follow each other.
        qint64 next = 0;
        for (Chunk& c : s.chunks) {
            if (c.offset < 0)
                c.offset = next;
            next = c.offset + c.length;
        }
        std::stable_sort(s.chunks.begin(), s.chunks.end(), [](const Chunk& a, const Chunk& b) {
            return a.offset != b.offset ? a.offset < b.offset : a.tsStart < b.tsStart;
        });
        // Retries: the same range sent again. Keep the attempt the server accepted whose bytes we have, else
        // the last one; the others are retries (they still left the device: bytesSent counts them).
        for (size_t i = 0; i < s.chunks.size();) {
            size_t j = i + 1;
            while (j < s.chunks.size() && s.chunks[j].offset == s.chunks[i].offset
                && s.chunks[j].length == s.chunks[i].length)
                ++j;
            if (j - i > 1) {
                size_t keep = j - 1;
                for (size_t k = i; k < j; ++k) {
                    if (accepted(s.chunks[k].status) && s.chunks[k].kept) {
                        keep = k;
                        break;
                    }
                }
                for (size_t k = i; k < j; ++k) {
                    s.chunks[k].retry = k != keep;
                    s.retries += k != keep;
                }
            }
            i = j;
        }
        // Coverage: the union of the ranges sent.
        qint64 covered = 0, reach = 0, keptReach = 0;
        bool contiguous = true, keptContiguous = true;
        s.started = 0;
        s.finished = 0;
        for (const Chunk& c : s.chunks) {
            s.bytesSent += c.length;
            if (!s.started || c.tsStart < s.started)
                s.started = c.tsStart;
            s.finished = std::max(s.finished, c.tsEnd);
            if (c.retry || c.length <= 0)
                continue;
            const qint64 end = c.offset + c.length;
            if (c.offset > reach)
                contiguous = false;
            if (end > reach) {
                covered += end - std::max(c.offset, reach);
                reach = end;
            }
            if (c.kept) {
                if (c.offset > keptReach)
                    keptContiguous = false;
                keptReach = std::max(keptReach, end);
            }
        }
        s.bytes = covered;
        s.total = s.declaredTotal >= 0 ? s.declaredTotal : reach;
        if (s.total > 0 && s.confirmedBytes >= s.total)
            s.serverConfirmed = true;
        s.complete = contiguous && reach >= s.total && s.total > 0;
        s.reassemblable = s.complete && keptContiguous && keptReach >= s.total;
        if (s.bytes > s.total && s.declaredTotal >= 0)
            s.notes.append(QStringLiteral("chunks reach beyond the declared size %1").arg(s.declaredTotal));
        if (!s.complete)
            s.notes.append(QStringLiteral("%1 of %2 bytes were sent").arg(s.bytes).arg(s.total));
        else if (!s.reassemblable)
            s.notes.append(QStringLiteral("the capture did not keep every chunk's bytes: no hash"));
        addRef(s.refs, QUrl(s.url).path().section(u'/', -1));
        out.push_back(std::move(s));
    }
    m_sessions.clear();
    m_byKey.clear();
    m_pendingLinks.clear();
    return out;
}

} // namespace Uploads
