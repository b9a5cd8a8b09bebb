// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturesmodel.h"

#include "displayformat.h"

CapturesModel::CapturesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void CapturesModel::setData(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const CapturesModel::Entry* CapturesModel::entry(int row) const
{
    return row >= 0 && row < static_cast<int>(m_entries.size()) ? &m_entries[static_cast<size_t>(row)] : nullptr;
}

int CapturesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int CapturesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant CapturesModel::data(const QModelIndex& index, int role) const
{
    const Entry* e = entry(index.row());
    if (!e || !index.isValid())
        return {};
    const Data::CaptureRecord& c = e->capture;
    if (role == CaptureIdRole)
        return c.id;
    if (role == SortRole) {
        switch (index.column()) {
        case IdColumn:
            return c.id;
        case FlowsColumn:
            return c.flowCount;
        case ConnectionsColumn:
            return c.connectionCount;
        case FirstSeenColumn:
            return c.firstSeen;
        case LastSeenColumn:
            return c.lastSeen;
        case SizeColumn:
            return c.fileSize;
        case WarningsColumn:
            return static_cast<qint64>(e->warnings.size());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case FlowsColumn:
        case ConnectionsColumn:
        case SizeColumn:
        case WarningsColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case FileColumn:
            return DisplayFormat::toolTip(
                c.producer.isEmpty() ? c.fileName : tr("%1\nWritten by %2").arg(c.fileName, c.producer));
        case Sha256Column:
            return DisplayFormat::toolTip(
                tr("SHA-256 of the original file, for the chain of custody:\n%1").arg(c.sha256));
        case WarningsColumn:
            return e->warnings.isEmpty() ? tr("No warnings")
                                         : DisplayFormat::toolTip(e->warnings.join(QLatin1Char('\n')), 8000);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return c.id;
    case FileColumn:
        return DisplayFormat::inert(c.fileName, 300);
    case FormatColumn:
        return c.compression.isEmpty() ? c.format : QStringLiteral("%1 (%2)").arg(c.format, c.compression);
    case LabelColumn:
        return DisplayFormat::inert(c.label, 300);
    case FlowsColumn:
        return c.flowCount;
    case ConnectionsColumn:
        return c.connectionCount;
    case FirstSeenColumn:
        return DisplayFormat::time(c.firstSeen);
    case LastSeenColumn:
        return DisplayFormat::time(c.lastSeen);
    case SizeColumn:
        return DisplayFormat::bytes(c.fileSize);
    case WarningsColumn:
        return e->warnings.isEmpty() ? QString() : QString::number(e->warnings.size());
    case Sha256Column:
        return QString(c.sha256.left(16) + QStringLiteral("…"));
    }
    return {};
}

QVariant CapturesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case FileColumn:
        return tr("File");
    case FormatColumn:
        return tr("Format");
    case LabelColumn:
        return tr("Label");
    case FlowsColumn:
        return tr("Flows");
    case ConnectionsColumn:
        return tr("Connections");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case SizeColumn:
        return tr("Size");
    case WarningsColumn:
        return tr("Warnings");
    case Sha256Column:
        return tr("SHA-256");
    }
    return {};
}
