// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "uploads/compare.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class Session;

/// Compare two captures (draft discarded vs posted, or any A vs B): the plain-language summary, then uploads,
/// media matched across the runs, destinations and data categories in A only, B only and both.
class ComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePage(Session& session, QWidget* parent = nullptr);
    ~ComparePage() override;

    void setCaptures(qint64 a, qint64 b);
    QPlainTextEdit* summary() const
    {
        return m_summary;
    }
    QTableWidget* uploads() const
    {
        return m_uploads;
    }
    QTableWidget* destinations() const
    {
        return m_destinations;
    }
    const Data::Comparison& comparison() const
    {
        return m_comparison;
    }
    bool isLoading() const;

Q_SIGNALS:
    void compared();

private:
    void reloadCaptures();
    void compare();
    void show(const Data::Comparison& c);
    void saveJson();

    Session& m_session;
    QComboBox* m_a;
    QComboBox* m_b;
    QPlainTextEdit* m_summary;
    QTabWidget* m_tabs;
    QTableWidget* m_uploads;
    QTableWidget* m_media;
    QTableWidget* m_destinations;
    QTableWidget* m_categories;
    Data::Comparison m_comparison;
    quint64 m_job = 0;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    QFutureWatcher<std::optional<Data::Comparison>> m_watcher;
};
