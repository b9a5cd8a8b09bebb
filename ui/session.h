// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/resultcache.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class FilterState;
class QTimer;
class FlowFacets;
class Investigation;
class TaskRunner;

/// The open investigation as the window sees it: a read connection for the UI thread, the task runner that
/// owns writing, and the shared filter. Pages get it in their constructor and listen to its signals.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    /// Opens (or with `create`, creates) an investigation; returns false with a message naming the file.
    bool open(const QString& path, bool create, QString* error);
    void close();
    bool isOpen() const
    {
        return m_reader != nullptr;
    }
    QString path() const;
    /// The UI thread's connection. Only valid while isOpen().
    Investigation& reader()
    {
        return *m_reader;
    }
    TaskRunner& tasks()
    {
        return *m_tasks;
    }
    FilterState& filter()
    {
        return *m_filter;
    }
    /// The pages' recent answers; cleared when the data changes or the investigation is opened or closed.
    ResultCache& results()
    {
        return m_results;
    }

    /// What the pages filter flows by, in memory (FlowFacets): null until loaded after the file was opened or its
    /// data changed, and for a file not analysed yet. Pages pass it to their queries, which then need no SQL for
    /// the filters it answers.
    std::shared_ptr<const FlowFacets> facets() const
    {
        return m_facets;
    }

    /// Tells every page that the data changed (after an import, an analysis or an edit).
    void notifyDataChanged();

    /// Lets the last references to large answers go on a worker thread (freeing them on the UI thread stalls it).
    static void releaseInBackground(std::shared_ptr<const void> value);
    static void releaseInBackground(std::vector<std::shared_ptr<const void>> values);

    /// How often the session looks whether another window or a `leakscope` command changed the file.
    static constexpr int kExternalChangeCheckMs = 2000;

Q_SIGNALS:
    void opened(const QString& path);
    void closed();
    void dataChanged();

private:
    void loadFacets();
    qint64 dataVersion();
    void checkExternalChange();

    std::unique_ptr<Investigation> m_reader;
    TaskRunner* m_tasks;
    FilterState* m_filter;
    ResultCache m_results;
    std::shared_ptr<const FlowFacets> m_facets;
    QFutureWatcher<std::shared_ptr<const FlowFacets>> m_facetsWatcher;
    std::shared_ptr<std::atomic<bool>> m_facetsStale; ///< tells a running load that its data changed
    QTimer* m_externalChangeCheck;
    qint64 m_seenDataVersion = 0; ///< SQLite's data_version when this session last knew the data
};
