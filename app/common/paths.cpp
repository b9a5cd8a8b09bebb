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
#ifndef LEAKSCOPE_BUILD_DIR
#define LEAKSCOPE_BUILD_DIR ""
#endif

namespace Paths {

namespace {

/// True when the running executable lies in the build tree (the app, a test, a tool before installation).
/// Only such a binary may fall back to the source tree's resources: an installed copy must use its own
/// data, even on the machine that built it, or a broken installation would go unnoticed there.
bool runsFromBuildTree()
{
    const QString build = QFileInfo(QString::fromUtf8(LEAKSCOPE_BUILD_DIR)).canonicalFilePath();
    if (build.isEmpty())
        return false;
    if (!QCoreApplication::instance())
        return true; // no way to tell; code without an application object is test or tool code
    const QString exeDir = QFileInfo(QCoreApplication::applicationDirPath()).canonicalFilePath();
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    constexpr Qt::CaseSensitivity cs = Qt::CaseInsensitive; // the usual file systems there ignore case
#else
    constexpr Qt::CaseSensitivity cs = Qt::CaseSensitive;
#endif
    return exeDir.compare(build, cs) == 0 || exeDir.startsWith(build + QLatin1Char('/'), cs);
}

} // namespace

QString resourceDir()
{
    static const QString dir = [] {
        const QString fromEnv = qEnvironmentVariable("LEAKSCOPE_DATA_DIR");
        if (!fromEnv.isEmpty() && QFileInfo(fromEnv).isDir())
            return QDir(fromEnv).absolutePath();
        QStringList candidates;
        if (QCoreApplication::instance()) {
            const QString exe = QCoreApplication::applicationDirPath();
            candidates << exe + QStringLiteral("/../share/leakscope") // <prefix>/bin + <prefix>/share: Unix, Windows
                       << exe + QStringLiteral("/../Resources") // macOS bundle: Contents/MacOS + Contents/Resources
                       << exe + QStringLiteral("/share/leakscope"); // Windows, when the .exe sits in the prefix
        }
        if (runsFromBuildTree())
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

QString cacheDir()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/leakscope-cache");
    QDir().mkpath(dir);
    return dir;
}

} // namespace Paths
