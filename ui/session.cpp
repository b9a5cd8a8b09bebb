// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

#include "models/filterstate.h"
#include "pipeline/analysis.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"

Session::Session(QObject* parent)
    : QObject(parent)
    , m_tasks(new TaskRunner(this))
    , m_filter(new FilterState(this))
{ }

Session::~Session()
{
    m_tasks->cancelAll();
    m_tasks->waitForIdle();
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
    m_results.clear();
    m_filter->clear();
    Q_EMIT opened(path);
    return true;
}

void Session::close()
{
    if (!m_reader)
        return;
    m_tasks->cancelAll();
    m_tasks->waitForIdle();
    m_reader.reset();
    m_results.clear();
    Q_EMIT closed();
}

QString Session::path() const
{
    return m_reader ? m_reader->path() : QString();
}

void Session::notifyDataChanged()
{
    m_results.clear();
    Q_EMIT dataChanged();
}
