// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "enrich/flowfacets.h"
#include "models/filterstate.h"
#include "pipeline/analysis.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "tasks/workerpools.h"

#include <QTimer>
#include <QtConcurrent>

Session::Session(QObject* parent)
    : QObject(parent)
    , m_tasks(new TaskRunner(this))
    , m_filter(new FilterState(this))
    , m_externalChangeCheck(new QTimer(this))
{
    // Another window or a `leakscope` command may write to the same file (they take turns): its commits show
    // as a new data_version on the reader connection. This session's own writes (the task runner's) are known.
    m_externalChangeCheck->setInterval(kExternalChangeCheckMs);
    connect(m_externalChangeCheck, &QTimer::timeout, this, &Session::checkExternalChange);
    connect(m_tasks, &TaskRunner::taskFinished, this, [this] {
        if (isOpen())
            m_seenDataVersion = dataVersion();
    });
    connect(&m_facetsWatcher, &QFutureWatcher<std::shared_ptr<const FlowFacets>>::finished, this, [this] {
        if (m_facetsWatcher.property("generation").toULongLong() == m_results.generation() && isOpen()
            && m_facetsWatcher.future().resultCount() > 0)
            m_facets = m_facetsWatcher.result();
    });
}

Session::~Session()
{
    m_tasks->cancelAll();
    m_tasks->waitForIdle();
    if (m_facetsStale)
        m_facetsStale->store(true);
    m_facetsWatcher.waitForFinished();
}

bool Session::open(const QString& path, bool create, QString* error)
{
    try {
        // Opening for writing once upgrades an older file and creates the derived tables the pages read.
        {
            auto writer = Investigation::open(
                path, create ? Investigation::OpenMode::Create : Investigation::OpenMode::ReadWrite);
            Analysis::ensureTables(*writer);
        }
        auto reader = Investigation::open(path, Investigation::OpenMode::ReadWrite);
        close();
        m_reader = std::move(reader);
    } catch (const StoreError& e) {
        *error = e.message();
        return false;
    }
    m_tasks->setInvestigationPath(path);
    m_seenDataVersion = dataVersion();
    m_externalChangeCheck->start();
    releaseInBackground(m_results.clear());
    m_filter->clear();
    Q_EMIT opened(path);
    loadFacets();
    return true;
}

void Session::close()
{
    if (!m_reader)
        return;
    m_tasks->cancelAll();
    m_tasks->waitForIdle();
    m_reader.reset();
    m_externalChangeCheck->stop();
    releaseInBackground(m_results.clear());
    releaseInBackground(std::move(m_facets));
    if (m_facetsStale)
        m_facetsStale->store(true);
    Q_EMIT closed();
}

QString Session::path() const
{
    return m_reader ? m_reader->path() : QString();
}

void Session::notifyDataChanged()
{
    if (isOpen())
        m_seenDataVersion = dataVersion();
    releaseInBackground(m_results.clear());
    releaseInBackground(std::move(m_facets)); // they describe the data before the change: until reloaded, SQL
    Q_EMIT dataChanged();
    loadFacets();
}

qint64 Session::dataVersion()
{
    try {
        return m_reader->db().pragmaInt("PRAGMA data_version");
    } catch (const StoreError&) {
        return m_seenDataVersion; // unreadable now: nothing to say
    }
}

void Session::checkExternalChange()
{
    // While this session writes, its own commits change data_version too; the task's end says what changed.
    if (!isOpen() || m_tasks->isBusy())
        return;
    if (dataVersion() != m_seenDataVersion)
        notifyDataChanged();
}

void Session::releaseInBackground(std::shared_ptr<const void> value)
{
    releaseInBackground(std::vector<std::shared_ptr<const void>> { std::move(value) });
}

void Session::releaseInBackground(std::vector<std::shared_ptr<const void>> values)
{
    // The last references to large answers (a million ids, trees of 30 000 destinations, the facets) go on a
    // worker thread: freeing them on the UI thread stalled it for a quarter of a second after each import.
    if (!values.empty())
        (void)QtConcurrent::run(WorkerPools::queries(), [values = std::move(values)]() mutable { values.clear(); });
}

void Session::loadFacets()
{
    if (!isOpen())
        return;
    if (m_facetsStale)
        m_facetsStale->store(true);
    m_facetsStale = std::make_shared<std::atomic<bool>>(false);
    m_facetsWatcher.setProperty("generation", m_results.generation());
    // After the pages' first queries (queued before it on the same pool): it helps the filters that come next.
    m_facetsWatcher.setFuture(QtConcurrent::run(
        WorkerPools::queries(), [path = path(), stale = m_facetsStale]() -> std::shared_ptr<const FlowFacets> {
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                return FlowFacets::load(inv->db(), [stale] { return stale->load(); });
            } catch (const StoreError&) {
                return nullptr; // the pages keep using SQL
            }
        }));
}
