// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class Investigation;

struct TaskResult
{
    bool ok = true;
    bool cancelled = false;
    QString message; ///< one line for the status bar
    QStringList details; ///< errors and warnings the user should see
};

/// Runs the long jobs that write to the investigation (imports, analysis, edits that touch many rows) one
/// after another on a worker thread, each with its own write connection: the store's single writer. The UI
/// thread only reads. Progress is throttled and delivered on the UI thread; the running task can be
/// cancelled (STYLE.md 4).
class TaskRunner : public QObject
{
    Q_OBJECT
public:
    using Work = std::function<TaskResult(Investigation& writer, const ProgressCallback& progress)>;
    using Done = std::function<void(const TaskResult&)>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override;

    void setInvestigationPath(const QString& path);
    QString investigationPath() const
    {
        return m_path;
    }

    /// Queues `work`; `done` runs on the UI thread afterwards.
    void enqueue(const QString& title, Work work, Done done = {});
    void cancelAll();
    bool isBusy() const
    {
        return m_running;
    }
    /// Blocks until every queued task finished (closing an investigation, tests).
    void waitForIdle();

Q_SIGNALS:
    void taskStarted(const QString& title);
    /// `permille` is -1 when the amount of work is unknown.
    void progressChanged(const QString& title, int permille);
    void taskFinished(const QString& title, const TaskResult& result);
    void idle();

private:
    struct Pending
    {
        QString title;
        Work work;
        Done done;
    };
    void startNext();

    QString m_path;
    std::deque<Pending> m_queue;
    bool m_running = false;
    Pending m_current;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<TaskResult> m_watcher;
};

Q_DECLARE_METATYPE(TaskResult)
