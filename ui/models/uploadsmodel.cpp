// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadsmodel.h"

#include "displayformat.h"
#include "widgets/timelinepainter.h"

#include <QBrush>

UploadsModel::UploadsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void UploadsModel::setData(std::vector<Data::UploadSession> sessions)
{
    beginResetModel();
    m_sessions = std::move(sessions);
    endResetModel();
}

const Data::UploadSession* UploadsModel::session(int row) const
{
    return row >= 0 && row < static_cast<int>(m_sessions.size()) ? &m_sessions[row] : nullptr;
}

int UploadsModel::rowOf(qint64 sessionId) const
{
    for (size_t i = 0; i < m_sessions.size(); ++i) {
        if (m_sessions[i].id == sessionId)
            return static_cast<int>(i);
    }
    return -1;
}

int UploadsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_sessions.size());
}

int UploadsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

namespace {

QString classificationText(const Data::UploadSession& s)
{
    if (!s.classified || s.classification == u"unknown")
        return QObject::tr("unknown (no markers)");
    QString t = s.classification == u"before_post" ? QObject::tr("before Post") : QObject::tr("after Post");
    if (s.postTs)
        t += QObject::tr(" (%1 s)").arg(double(s.postDeltaUs) / 1e6, 0, 'f', 1);
    if (s.discardedDraft)
        t += QObject::tr(", discarded draft");
    if (s.uncertain)
        t += QObject::tr(", within clock tolerance");
    return t;
}

} // namespace

QVariant UploadsModel::data(const QModelIndex& index, int role) const
{
    const Data::UploadSession* s = session(index.row());
    if (!s || index.column() < 0 || index.column() >= NUM_COLUMNS)
        return {};
    if (role == SessionIdRole)
        return s->id;
    if (role == Qt::ToolTipRole) {
        const QVariant shown = data(index, Qt::DisplayRole);
        return shown.isValid() ? QVariant(DisplayFormat::toolTip(shown.toString())) : QVariant();
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StartColumn:
            return DisplayFormat::time(s->started);
        case HostColumn:
            return DisplayFormat::inert(s->host, 200);
        case MediaColumn:
            return s->fingerprint.isMedia() ? s->fingerprint.describe() : DisplayFormat::inert(s->mediaType, 100);
        case BytesColumn:
            return s->complete ? DisplayFormat::bytes(s->bytes)
                               : tr("%1 of %2").arg(DisplayFormat::bytes(s->bytes), DisplayFormat::bytes(s->total));
        case ChunksColumn:
            return s->retries ? tr("%1 (%2 retried)").arg(s->chunks).arg(s->retries) : QString::number(s->chunks);
        case ProtocolColumn:
            return s->protocol;
        case ClassificationColumn:
            return classificationText(*s);
        case BeforePostColumn:
            return s->classified && s->classification != u"unknown"
                ? QStringLiteral("%1%").arg(qRound(s->shareBeforePost * 100))
                : QString();
        case MatchColumn:
            return s->mediaMatch.isEmpty() ? tr("no reference media") : s->mediaMatch;
        case PublishColumn:
            if (s->publishFlowId)
                return s->publishHasCaption ? tr("yes, with the caption") : tr("yes");
            return s->cancelFlowId ? tr("cancelled") : tr("none");
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case StartColumn:
            return s->started;
        case BytesColumn:
            return s->bytes;
        case ChunksColumn:
            return s->chunks;
        case BeforePostColumn:
            return s->shareBeforePost;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ClassificationColumn)
        return QBrush(TimelinePainter::barColour(s->classification));
    return {};
}

QVariant UploadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StartColumn:
        return tr("Started");
    case HostColumn:
        return tr("Destination");
    case MediaColumn:
        return tr("Media");
    case BytesColumn:
        return tr("Bytes");
    case ChunksColumn:
        return tr("Chunks");
    case ProtocolColumn:
        return tr("Protocol");
    case ClassificationColumn:
        return tr("vs. Post");
    case BeforePostColumn:
        return tr("Sent before Post");
    case MatchColumn:
        return tr("Reference media");
    case PublishColumn:
        return tr("Publish call");
    }
    return {};
}
