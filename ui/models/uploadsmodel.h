// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uploads/uploadstore.h"

#include <QAbstractTableModel>

/// Upload sessions of one capture (STYLE.md 6): when, where, what, how much, and how it relates to Post and to
/// the reference media.
class UploadsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        StartColumn,
        HostColumn,
        MediaColumn,
        BytesColumn,
        ChunksColumn,
        ProtocolColumn,
        ClassificationColumn,
        BeforePostColumn,
        MatchColumn,
        PublishColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SessionIdRole = Qt::UserRole,
        SortRole,
    };

    explicit UploadsModel(QObject* parent = nullptr);
    void setData(std::vector<Data::UploadSession> sessions);
    const Data::UploadSession* session(int row) const;
    int rowOf(qint64 sessionId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Data::UploadSession> m_sessions;
};
