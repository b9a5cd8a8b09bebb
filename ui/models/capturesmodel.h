// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/investigation.h"

#include <QAbstractTableModel>

#include <vector>

/// The captures of an investigation (STYLE.md 6: setData with a reset, Columns and Roles enums).
class CapturesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns { IdColumn, FileColumn, FormatColumn, LabelColumn, FlowsColumn, ConnectionsColumn, FirstSeenColumn,
                   LastSeenColumn, SizeColumn, WarningsColumn, Sha256Column, NUM_COLUMNS };
    enum Roles { CaptureIdRole = Qt::UserRole, SortRole };

    struct Entry
    {
        Data::CaptureRecord capture;
        QStringList warnings;
    };

    explicit CapturesModel(QObject* parent = nullptr);
    void setData(std::vector<Entry> entries);
    const Entry* entry(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Entry> m_entries;
};
