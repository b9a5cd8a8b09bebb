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
#include "tasks/allocatortuning.h"
#include "theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFileOpenEvent>
#include <QIcon>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include <fcntl.h>
#include <io.h>
#include <string>
#include <windows.h>
#endif

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

#ifdef Q_OS_WIN
/// leakscope.exe is a console program, so that the commands print to the console that started them and
/// scripts wait for them. Started from Explorer or the Start menu, it owns a console of its own: drop that
/// one before the window opens.
void releaseOwnConsole()
{
    DWORD processes[2];
    if (GetConsoleProcessList(processes, 2) == 1)
        FreeConsole();
}

/// The commands print UTF-8 and "\n" line ends, as on the other systems (the manifest makes UTF-8 the
/// process code page); the console's output code page is restored when the program ends.
void prepareConsole()
{
    static const UINT previousCodePage = GetConsoleOutputCP();
    SetConsoleOutputCP(CP_UTF8);
    atexit([] { SetConsoleOutputCP(previousCodePage); });
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
}

/// Npcap installs wpcap.dll in System32\Npcap, outside the DLL search path; it is delay-loaded (see
/// installer/windows/README.md), so this is found when a packet capture is read.
void addNpcapToDllSearchPath()
{
    wchar_t system[MAX_PATH];
    const UINT n = GetSystemDirectoryW(system, MAX_PATH);
    if (n > 0 && n < MAX_PATH)
        SetDllDirectoryW((std::wstring(system, n) + L"\\Npcap").c_str());
}
#endif

/// On macOS, Finder opens documents with a QFileOpenEvent (not argv); the other systems pass them as arguments.
class FileOpenFilter : public QObject
{
public:
    explicit FileOpenFilter(MainWindow* window)
        : m_window(window)
    { }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::FileOpen) {
            const QString path = static_cast<QFileOpenEvent*>(event)->file();
            if (!path.isEmpty()) {
                m_window->openPath(QFileInfo(path).absoluteFilePath());
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    MainWindow* m_window;
};

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
#ifdef Q_OS_WIN
    addNpcapToDllSearchPath();
    if (argc >= 2)
        prepareConsole();
#endif
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
        if (!first.startsWith(u'-') && !QFileInfo::exists(first) && !first.contains(u'.') && !first.contains(u'/')
            && !first.contains(QDir::separator())) {
            CliCommon::error(QStringLiteral("unknown command \"%1\" (see leakscope --help)").arg(first));
            return CliCommon::Usage;
        }
    }

    bool demo = false;
    QString file;
    QString page;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--demo") {
            demo = true;
        } else if (arg == u"--page" && i + 1 < argc) {
            page = QString::fromLocal8Bit(argv[++i]);
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

#ifdef Q_OS_WIN
    releaseOwnConsole();
#endif
    keepFreedMemoryForReuse();
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Leakscope"));
    QApplication::setDesktopFileName(QStringLiteral("org.leakscope.Leakscope"));
    Theme::applySaved();
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    // The installed icon theme entry (installer/); Windows and macOS take the icon from the .exe or the bundle.
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.leakscope.Leakscope")));
#endif
    MainWindow window;
    FileOpenFilter fileOpenFilter(&window);
    app.installEventFilter(&fileOpenFilter);
    window.show();
    if (demo)
        window.openDemo();
    else if (!file.isEmpty())
        window.openPath(QFileInfo(file).absoluteFilePath());
    if (!page.isEmpty())
        window.showPage(page);
    return app.exec();
}
