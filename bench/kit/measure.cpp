// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "measure.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace BenchKit {

Measured measure(const QStringList& argv, const QString& stdoutFile)
{
    Measured m;
    int pipeFds[2] = { -1, -1 };
    if (stdoutFile.isEmpty() && pipe(pipeFds) != 0)
        return m;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdoutFile.isEmpty()) {
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    } else {
        posix_spawn_file_actions_addopen(
            &actions, STDOUT_FILENO, QFile::encodeName(stdoutFile).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<QByteArray> args;
    for (const QString& a : argv)
        args.push_back(QFile::encodeName(a));
    std::vector<char*> raw;
    for (QByteArray& a : args)
        raw.push_back(a.data());
    raw.push_back(nullptr);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (stdoutFile.isEmpty())
        close(pipeFds[1]);
    if (rc != 0) {
        if (stdoutFile.isEmpty())
            close(pipeFds[0]);
        return m;
    }
    if (stdoutFile.isEmpty()) {
        char buf[4096];
        ssize_t n;
        while ((n = read(pipeFds[0], buf, sizeof buf)) > 0)
            m.output.append(buf, static_cast<qsizetype>(n));
        close(pipeFds[0]);
    }
    int status = 0;
    rusage usage {};
    wait4(pid, &status, 0, &usage);
    m.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    m.cpuSeconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    m.peakRssMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return m;
}

QString self()
{
    return QCoreApplication::applicationFilePath();
}

} // namespace BenchKit
