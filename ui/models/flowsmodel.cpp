// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowsmodel.h"

#include "displayformat.h"
#include "store/database.h"

#include <QUrl>

FlowsModel::FlowsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FlowsModel::setDatabase(Database* db)
{
    beginResetModel();
    m_db = db;
    m_rows.setIds({});
    endResetModel();
}

void FlowsModel::setIds(std::vector<qint64> ids)
{
    beginResetModel();
    m_rows.setIds(std::move(ids));
    endResetModel();
}

void FlowsModel::refreshFlow(qint64 flowId)
{
    const int row = rowOf(flowId);
    if (row < 0)
        return;
    m_rows.invalidate(row);
    Q_EMIT dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
}

qint64 FlowsModel::flowId(int row) const
{
    return m_rows.id(row);
}

int FlowsModel::rowOf(qint64 flowId) const
{
    return m_rows.rowOf(flowId);
}

const Data::FlowRow* FlowsModel::row(int r) const
{
    if (!m_db)
        return nullptr;
    return m_rows.row(r, [this](const std::vector<qint64>& ids) { return FlowQuery::rows(*m_db, ids); });
}

int FlowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int FlowsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

FlowQuery::SortKey FlowsModel::sortKey(int column)
{
    switch (column) {
    case IdColumn:
        return FlowQuery::SortKey::Id;
    case AppColumn:
        return FlowQuery::SortKey::App;
    case MethodColumn:
        return FlowQuery::SortKey::Method;
    case HostColumn:
        return FlowQuery::SortKey::Host;
    case UrlColumn:
        return FlowQuery::SortKey::Url;
    case StatusColumn:
        return FlowQuery::SortKey::Status;
    case TypeColumn:
        return FlowQuery::SortKey::ContentType;
    case SentColumn:
        return FlowQuery::SortKey::Sent;
    case ReceivedColumn:
        return FlowQuery::SortKey::Received;
    case NoteColumn:
        return FlowQuery::SortKey::Note;
    default:
        return FlowQuery::SortKey::Time;
    }
}

void FlowsModel::sort(int column, Qt::SortOrder order)
{
    Q_EMIT sortRequested(sortKey(column), order == Qt::DescendingOrder);
}

QVariant FlowsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == FlowIdRole)
        return flowId(index.row());
    const Data::FlowRow* r = row(index.row());
    if (!r)
        return {};
    if (role == FlagsRole)
        return r->flags;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case StatusColumn:
        case SentColumn:
        case ReceivedColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == UrlColumn)
        return DisplayFormat::toolTip(r->url, 2000);
    if (role == Qt::ToolTipRole && index.column() == NoteColumn && !r->note.isEmpty())
        return DisplayFormat::toolTip(r->note, 4000);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return r->id;
    case TimeColumn:
        return DisplayFormat::time(r->ts);
    case AppColumn:
        return DisplayFormat::inert(r->app, 80);
    case MethodColumn:
        return DisplayFormat::inert(r->method.isEmpty() ? r->l7 : r->method, 20);
    case HostColumn:
        return DisplayFormat::inert(r->host, 120);
    case UrlColumn: {
        // The host has its own column: show the path and query here.
        const QUrl url(r->url);
        const QString path = url.isValid() && !url.host().isEmpty()
            ? url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded)
            : r->url;
        return DisplayFormat::inert(path, 300);
    }
    case StatusColumn:
        return r->status ? QVariant(r->status) : QVariant();
    case TypeColumn:
        return DisplayFormat::inert(r->contentType.section(u';', 0, 0), 60);
    case SentColumn:
        return r->sent > 0 ? DisplayFormat::bytes(r->sent) : QString();
    case ReceivedColumn:
        return r->received > 0 ? DisplayFormat::bytes(r->received) : QString();
    case NoteColumn:
        return QString((r->bookmarked ? QStringLiteral("★ ") : QString()) + r->note.section(u'\n', 0, 0).left(120));
    }
    return {};
}

QVariant FlowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case SentColumn:
            return tr("Request body size (decoded), as the app sent it");
        case ReceivedColumn:
            return tr("Response body size (decoded)");
        case NoteColumn:
            return tr("Your bookmarks (★) and notes");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case AppColumn:
        return tr("App");
    case MethodColumn:
        return tr("Method");
    case HostColumn:
        return tr("Host");
    case UrlColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case TypeColumn:
        return tr("Type");
    case SentColumn:
        return tr("Sent");
    case ReceivedColumn:
        return tr("Received");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}
