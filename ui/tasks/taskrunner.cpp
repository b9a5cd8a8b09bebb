// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskrunner.h"

#include "store/investigation.h"
#include "workerpools.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QtConcurrent>

TaskRunner::TaskRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<TaskResult>();
    connect(&m_watcher, &QFutureWatcher<TaskResult>::finished, this, [this] {
        const TaskResult result = m_watcher.future().resultCount() > 0
            ? m_watcher.result()
            : TaskResult { false, false, tr("The task stopped unexpectedly."), {} };
        Pending finished = std::move(m_current);
        m_running = false;
        if (finished.done)
            finished.done(result);
        Q_EMIT taskFinished(finished.title, result);
        startNext();
    });
}

TaskRunner::~TaskRunner()
{
    cancelAll();
    m_watcher.waitForFinished();
}

void TaskRunner::setInvestigationPath(const QString& path)
{
    waitForIdle();
    m_path = path;
}

void TaskRunner::enqueue(const QString& title, Work work, Done done)
{
    m_queue.push_back({ title, std::move(work), std::move(done) });
    if (!m_running)
        startNext();
}

void TaskRunner::cancelAll()
{
    m_queue.clear();
    if (m_cancel)
        m_cancel->store(true);
}

void TaskRunner::waitForIdle()
{
    while (m_running || !m_queue.empty()) {
        m_watcher.waitForFinished();
        QCoreApplication::sendPostedEvents(this);
        QCoreApplication::sendPostedEvents(&m_watcher);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    }
}

void TaskRunner::startNext()
{
    if (m_queue.empty()) {
        Q_EMIT idle();
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    Q_EMIT taskStarted(m_current.title);

    const QString path = m_path;
    const QString title = m_current.title;
    auto cancel = m_cancel;
    Work work = m_current.work;
    QPointer<TaskRunner> self(this);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::tasks(), [path, title, cancel, work, self]() -> TaskResult {
        QElapsedTimer sinceReport;
        sinceReport.start();
        // Progress reaches the UI at most 20 times a second, queued onto its thread.
        const ProgressCallback progress = [&](qint64 done, qint64 total) {
            if (sinceReport.elapsed() >= 50 || done >= total) {
                sinceReport.restart();
                const int permille = total > 0 ? static_cast<int>(std::min<qint64>(1000, done * 1000 / total)) : -1;
                QMetaObject::invokeMethod(
                    self,
                    [self, title, permille] {
                        if (self)
                            Q_EMIT self->progressChanged(title, permille);
                    },
                    Qt::QueuedConnection);
            }
            return !cancel->load();
        };
        try {
            auto writer = Investigation::open(path, Investigation::OpenMode::ReadWrite);
            TaskResult r = work(*writer, progress);
            if (cancel->load() && !r.ok)
                r.cancelled = true;
            return r;
        } catch (const StoreError& e) {
            return TaskResult { false, false, e.message(), {} };
        }
    }));
}
