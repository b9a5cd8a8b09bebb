// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// No subcommand opens the window; a subcommand runs headless (EXPORT.md).

#include "cli/cli.h"
#include "cli/clicommon.h"
#include "mainwindow.h"
#include "pdf/reportexport.h"
#include "pipeline/demo.h"
#include "report/textsummary.h"
#include "store/investigation.h"
#include "theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>
#include <memory>

namespace {

/// True when a window can be shown: a platform plugin was chosen explicitly, or an X11/Wayland display
/// is there (on Windows and macOS there always is one).
bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD) || defined(Q_OS_OPENBSD) || defined(Q_OS_NETBSD)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Leakscope"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("leakscope.org"));
    QCoreApplication::setApplicationName(QStringLiteral("leakscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEAKSCOPE_VERSION));
}

int runHeadless(int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> app;
    if (QString::fromLocal8Bit(argv[1]) == u"report") {
        // The PDF is painted with QtGui: a GUI application, on the offscreen platform unless one was chosen.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
        Cli::setReportRenderer(ReportExport::writeForCli);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setApplicationNames();
    return Cli::run(app->arguments());
}

/// Without a display, say so and print what the window would have opened, as text.
int printInsteadOfWindow(int& argc, char** argv, const QString& investigationPath, bool demo)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    CliCommon::note(QStringLiteral("leakscope: no display available (DISPLAY and WAYLAND_DISPLAY are not set), so "
                                   "the window cannot open. Here is a text summary instead; run it on a desktop, or "
                                   "under xvfb-run, to see the window."));
    QString path = investigationPath;
    if (demo) {
        QString error;
        path = Demo::ensureInvestigation(&error);
        if (path.isEmpty()) {
            CliCommon::error(error);
            return CliCommon::Failed;
        }
    }
    if (path.isEmpty())
        return CliCommon::Ok;
    auto inv = CliCommon::openInvestigation(path, false);
    if (!inv)
        return CliCommon::Failed;
    if (demo)
        CliCommon::out(QStringLiteral("(Demo investigation: synthetic data about a fictional app.)\n"));
    CliCommon::out(TextSummary::render(*inv));
    return CliCommon::Ok;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 2) {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (first == u"--version" || first == u"-v") {
            printf("leakscope %s\n", LEAKSCOPE_VERSION);
            return 0;
        }
        if (first == u"--help" || first == u"-h") {
            CliCommon::out(Cli::usage());
            return 0;
        }
        if (Cli::isSubcommand(first))
            return runHeadless(argc, argv);
        // A bare word that is neither a command nor a file is a mistyped command, not a file to open.
        if (!first.startsWith(u'-') && !QFileInfo::exists(first) && !first.contains(u'.') && !first.contains(u'/')) {
            CliCommon::error(QStringLiteral("unknown command \"%1\" (see leakscope --help)").arg(first));
            return CliCommon::Usage;
        }
    }

    bool demo = false;
    QString file;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--demo") {
            demo = true;
        } else if (arg.startsWith(u'-') && arg != u"-") {
            // Qt's own options (-platform, -style …) are handled by QApplication.
            if (arg == u"-platform" || arg == u"-style" || arg == u"-display")
                ++i;
        } else if (file.isEmpty()) {
            file = arg;
        }
    }
    if (!displayAvailable())
        return printInsteadOfWindow(argc, argv, file, demo);

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Leakscope"));
    QApplication::setDesktopFileName(QStringLiteral("org.leakscope.Leakscope"));
    Theme::applySaved();
    MainWindow window;
    window.show();
    if (demo)
        window.openDemo();
    else if (!file.isEmpty())
        window.openPath(QFileInfo(file).absoluteFilePath());
    return app.exec();
}
