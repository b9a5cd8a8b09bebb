// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class CapturesModel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class Session;

/// The captures of the investigation: file, format, counts, time span, hash and warnings; import, relabel and
/// remove.
class CapturesPage : public QWidget
{
    Q_OBJECT
public:
    explicit CapturesPage(Session& session, QWidget* parent = nullptr);

    CapturesModel* model() const
    {
        return m_model;
    }

Q_SIGNALS:
    void importRequested();

private:
    void reload();
    void showSelected();
    void editLabel();
    void removeSelected();
    qint64 selectedCapture() const;

    Session& m_session;
    CapturesModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QPlainTextEdit* m_details;
    QPushButton* m_labelButton;
    QPushButton* m_removeButton;
};
