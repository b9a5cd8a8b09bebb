// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#ifndef LEAKSCOPE_SOURCE_RESOURCES
#define LEAKSCOPE_SOURCE_RESOURCES ""
#endif

namespace Paths {

QString resourceDir()
{
    static const QString dir = [] {
        const QString fromEnv = qEnvironmentVariable("LEAKSCOPE_DATA_DIR");
        if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isDir())
            return QDir(fromEnv).absolutePath();
        QStringList candidates;
        if (QCoreApplication::instance()) {
            const QString exe = QCoreApplication::applicationDirPath();
            candidates << exe + QStringLiteral("/../share/leakscope") // Linux and other Unix installs
                       << exe + QStringLiteral("/../Resources") // macOS bundle
                       << exe + QStringLiteral("/share/leakscope"); // Windows: next to the .exe
        }
        candidates << QString::fromUtf8(LEAKSCOPE_SOURCE_RESOURCES); // an uninstalled build
        for (const QString& c : candidates) {
            if (!c.isEmpty() && QFileInfo(c + QStringLiteral("/demo")).isDir())
                return QDir(c).absolutePath();
        }
        return QString();
    }();
    return dir;
}

QString resource(const QString& relative)
{
    const QString base = resourceDir();
    if (base.isEmpty())
        return {};
    const QString path = base + QLatin1Char('/') + relative;
    return QFileInfo::exists(path) ? path : QString();
}

QString userDataDir()
{
    QString dir = qEnvironmentVariable("LEAKSCOPE_USER_DATA_DIR");
    if (dir.isEmpty()) {
        if (!qEnvironmentVariableIsEmpty("LEAKSCOPE_DATA_DIR"))
            return {};
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (dir.isEmpty())
            return {};
        dir += QStringLiteral("/data");
    }
    return dir; // created by the updater when it first writes there
}

QString dataFile(const QString& name)
{
    const QString user = userDataDir();
    if (!user.isEmpty() && QFileInfo::exists(user + QLatin1Char('/') + name))
        return user + QLatin1Char('/') + name;
    return resource(QStringLiteral("data/") + name);
}

QString cacheDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/leakscope-cache");
    QDir().mkpath(dir);
    return dir;
}

} // namespace Paths
