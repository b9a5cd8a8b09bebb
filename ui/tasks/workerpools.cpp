// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "workerpools.h"

#include <QThreadPool>

namespace {

struct TaskPool : QThreadPool
{
    TaskPool()
    {
        setMaxThreadCount(1);
    }
};

Q_GLOBAL_STATIC(QThreadPool, queryPool)
Q_GLOBAL_STATIC(TaskPool, taskPool)

} // namespace

namespace WorkerPools {

QThreadPool* queries()
{
    return queryPool();
}

QThreadPool* tasks()
{
    return taskPool();
}

} // namespace WorkerPools
