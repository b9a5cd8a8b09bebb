// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "commands/csvexportcommand.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/propertiesdialog.h"
#include "dialogs/refdataupdatedialog.h"
#include "dialogs/reportdialog.h"
#include "ingest/captureformat.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "pages/capturespage.h"
#include "pages/comparepage.h"
#include "pages/datapage.h"
#include "pages/destinationspage.h"
#include "pages/flowspage.h"
#include "pages/mappage.h"
#include "pages/overviewpage.h"
#include "pages/uploadspage.h"
#include "pages/welcomepage.h"
#include "pdf/reportexport.h"
#include "pipeline/analysis.h"
#include "pipeline/capturefiles.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/jsonexport.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "theme.h"
#include "widgets/filterbar.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
constexpr int kMaxRecent = 10;
const QString kInvestigationFilter = QStringLiteral("Leakscope investigations (*.leakscope)");

bool isInvestigationFile(const QString& path)
{
    if (path.endsWith(QStringLiteral(".leakscope"), Qt::CaseInsensitive))
        return true;
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16).startsWith("SQLite format 3");
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
    , m_central(new QStackedWidget(this))
    , m_welcome(new WelcomePage(this))
    , m_workspace(new QWidget(this))
    , m_nav(new QListWidget(this))
    , m_filterBar(new FilterBar(
          m_session->filter(),
          [this](const QString& kind, const QString& id) {
              // Names for the filter chips: ids are stable but mean nothing to a reader.
              if (!m_session->isOpen())
                  return id;
              if (kind == u"app") {
                  for (const auto& a : m_session->reader().apps()) {
                      if (QString::number(a.id) == id)
                          return a.name;
                  }
              } else if (kind == u"capture") {
                  if (const auto c = m_session->reader().capture(id.toLongLong()))
                      return c->label.isEmpty() ? c->fileName : c->label;
              }
              return id;
          },
          this))
    , m_pages(new QStackedWidget(this))
    , m_taskLabel(new QLabel(this))
    , m_taskProgress(new QProgressBar(this))
    , m_taskCancel(new QToolButton(this))
{
    setAcceptDrops(true);
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setObjectName(QStringLiteral("pageList"));
    m_nav->setMaximumWidth(190);
    m_nav->setIconSize(QSize(20, 20));
    auto* pagesColumn = new QVBoxLayout;
    pagesColumn->setContentsMargins(0, 0, 0, 0);
    pagesColumn->setSpacing(0);
    pagesColumn->addWidget(m_filterBar);
    pagesColumn->addWidget(m_pages, 1);
    auto* workspaceLayout = new QHBoxLayout(m_workspace);
    workspaceLayout->setContentsMargins(0, 0, 0, 0);
    workspaceLayout->addWidget(m_nav);
    workspaceLayout->addLayout(pagesColumn, 1);
    m_central->addWidget(m_welcome);
    m_central->addWidget(m_workspace);
    setCentralWidget(m_central);

    m_capturesPage = new CapturesPage(*m_session, this);
    m_flowsPage = new FlowsPage(*m_session, this);
    auto* overview = new OverviewPage(*m_session, this);
    addPage(
        overview, tr("Overview"), QStringLiteral("go-home"), tr("What the app sent, and where, in a few sentences"));
    connect(overview, &OverviewPage::evidenceRequested, this, [this](Headlines::Evidence page) {
        switch (page) {
        case Headlines::Evidence::Destinations:
            return showPage(tr("Destinations"));
        case Headlines::Evidence::Map:
            return showPage(tr("Map"));
        case Headlines::Evidence::Data:
            return showPage(tr("Data"));
        case Headlines::Evidence::Uploads:
            return showPage(tr("Uploads & timeline"));
        case Headlines::Evidence::Captures:
            return showPage(tr("Captures"));
        }
    });
    addPage(
        m_flowsPage, tr("Flows"), QStringLiteral("view-list-details"), tr("Every request, with headers and bodies"));
    addPage(m_capturesPage, tr("Captures"), QStringLiteral("document-open"), tr("The imported capture files"));
    auto* destinations = new DestinationsPage(*m_session, this);
    addPage(destinations, tr("Destinations"), QStringLiteral("network-server"),
        tr("Companies, domains and hosts that received data"));
    connect(destinations, &DestinationsPage::showFlowsRequested, this, [this] { showPage(tr("Flows")); });
    addPage(new MapPage(*m_session, this), tr("Map"), QStringLiteral("applications-internet"),
        tr("Countries that received data, on a world map"));
    addPage(new DataPage(*m_session, this), tr("Data"), QStringLiteral("security-medium"),
        tr("What personal data goes where, with evidence"));
    addPage(new UploadsPage(*m_session, this), tr("Uploads & timeline"), QStringLiteral("go-up"),
        tr("Uploads against your markers: what left before Post"));
    addPage(new ComparePage(*m_session, this), tr("Compare"), QStringLiteral("view-split-left-right"),
        tr("Two runs compared: draft discarded vs posted"));
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(0);

    m_taskLabel->setTextFormat(Qt::PlainText); // task titles carry capture file names
    m_taskProgress->setMaximumWidth(220);
    m_taskProgress->setRange(0, 1000);
    m_taskProgress->setAccessibleName(tr("Background task progress"));
    m_taskCancel->setText(tr("Cancel"));
    m_taskCancel->setToolTip(tr("Cancel the running task; the investigation stays as it was before it"));
    statusBar()->addPermanentWidget(m_taskLabel);
    statusBar()->addPermanentWidget(m_taskProgress);
    statusBar()->addPermanentWidget(m_taskCancel);
    m_taskLabel->hide();
    m_taskProgress->hide();
    m_taskCancel->hide();

    createActions();

    connect(m_taskCancel, &QToolButton::clicked, &m_session->tasks(), &TaskRunner::cancelAll);
    connect(&m_session->tasks(), &TaskRunner::taskStarted, this, [this](const QString& title) {
        m_taskLabel->setText(DisplayFormat::inert(title, 200));
        m_taskProgress->setRange(0, 0);
        m_taskLabel->show();
        m_taskProgress->show();
        m_taskCancel->show();
    });
    connect(&m_session->tasks(), &TaskRunner::progressChanged, this, [this](const QString& title, int permille) {
        m_taskLabel->setText(DisplayFormat::inert(title, 200));
        if (permille < 0) {
            m_taskProgress->setRange(0, 0);
        } else {
            m_taskProgress->setRange(0, 1000);
            m_taskProgress->setValue(permille);
        }
    });
    connect(&m_session->tasks(), &TaskRunner::taskFinished, this, &MainWindow::onTaskFinished);
    connect(&m_session->tasks(), &TaskRunner::idle, this, [this] {
        m_taskLabel->hide();
        m_taskProgress->hide();
        m_taskCancel->hide();
    });
    connect(m_session, &Session::opened, this, [this] {
        m_central->setCurrentWidget(m_workspace);
        m_nav->setCurrentRow(0); // an investigation opens on its Overview
        updateTitle();
        for (QAction* a : std::as_const(m_investigationActions))
            a->setEnabled(true);
    });
    connect(m_session, &Session::closed, this, [this] {
        m_central->setCurrentWidget(m_welcome);
        updateTitle();
        for (QAction* a : std::as_const(m_investigationActions))
            a->setEnabled(false);
    });
    connect(m_welcome, &WelcomePage::newRequested, this, &MainWindow::newInvestigation);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::openInvestigationDialog);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::recentRequested, this, &MainWindow::openInvestigation);
    connect(m_capturesPage, &CapturesPage::importRequested, this, &MainWindow::importDialog);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 820);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_welcome->setRecentFiles(recentFiles());
    updateTitle();
    for (QAction* a : std::as_const(m_investigationActions))
        a->setEnabled(false);
}

MainWindow::~MainWindow()
{
    // Finish background work while the window is whole: a task ending during the destruction of the pages
    // would report to a half-destroyed window (the session, a child, waits for its tasks too, but later).
    m_session->tasks().cancelAll();
    m_session->tasks().waitForIdle();
}

void MainWindow::addPage(QWidget* page, const QString& title, const QString& iconName, const QString& tooltip)
{
    auto* item = new QListWidgetItem(QIcon::fromTheme(iconName), title, m_nav);
    item->setToolTip(tooltip);
    m_pages->addWidget(page);
    page->setAccessibleName(title);
}

void MainWindow::showPage(const QString& title)
{
    for (int i = 0; i < m_nav->count(); ++i) {
        if (m_nav->item(i)->text().compare(title, Qt::CaseInsensitive) == 0)
            return m_nav->setCurrentRow(i);
    }
    // A shorter name (--page uploads) picks the first page it begins.
    for (int i = 0; i < m_nav->count(); ++i) {
        if (m_nav->item(i)->text().startsWith(title, Qt::CaseInsensitive))
            return m_nav->setCurrentRow(i);
    }
}

QString MainWindow::currentPageTitle() const
{
    return m_nav->currentItem() ? m_nav->currentItem()->text() : QString();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = file->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Investigation…"),
        this, &MainWindow::newInvestigation);
    newAction->setShortcut(QKeySequence::New);
    QAction* openAction = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Investigation…"),
        this, &MainWindow::openInvestigationDialog);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addAction(tr("Open &Demo Investigation"), this, &MainWindow::openDemo);
    file->addSeparator();
    QAction* importAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-import")), tr("&Import Captures…"), this, &MainWindow::importDialog);
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importAction->setToolTip(tr("Import HAR, mitmproxy, pcap and other capture files"));
    file->addSeparator();
    QAction* saveAsAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &As…"), this, &MainWindow::saveAs);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    saveAsAction->setToolTip(tr("Save a copy of the investigation under another name and continue in the copy"));
    QAction* propertiesAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-properties")), tr("&Properties…"), this, &MainWindow::editProperties);
    propertiesAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Return));
    file->addSeparator();
    QAction* pdfAction = file->addAction(
        QIcon::fromTheme(QStringLiteral("document-export")), tr("Export PDF &Summary…"), this, &MainWindow::exportPdf);
    pdfAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pdfAction->setToolTip(
        tr("A report for editors, lawyers and readers: findings, evidence, method and chain of custody"));
    QAction* jsonAction = file->addAction(tr("Export &JSON…"), this, &MainWindow::exportJson);
    jsonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    jsonAction->setToolTip(tr("The whole analysis as JSON (leakscope-export/1), following the current filter"));
    QAction* csvAction = file->addAction(tr("Export &CSV…"), this, [this] { CsvExportCommand::run(this, *m_session); });
    file->addSeparator();
    QAction* closeAction = file->addAction(tr("&Close Investigation"), this, &MainWindow::closeInvestigation);
    closeAction->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction* quitAction =
        file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    m_investigationActions = { importAction, saveAsAction, propertiesAction, pdfAction, jsonAction, csvAction,
        closeAction };

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_nav->count(); ++i) {
        const QString title = m_nav->item(i)->text();
        QAction* a = view->addAction(title, this, [this, i] { m_nav->setCurrentRow(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        m_investigationActions.append(a);
    }
    view->addSeparator();
    QAction* find = view->addAction(tr("&Find Flows…"), this, [this] {
        showPage(tr("Flows"));
        m_flowsPage->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* back = view->addAction(tr("Filter &Back"), &m_session->filter(), &FilterState::back);
    back->setShortcut(QKeySequence::Back);
    QAction* forward = view->addAction(tr("Filter &Forward"), &m_session->filter(), &FilterState::forward);
    forward->setShortcut(QKeySequence::Forward);
    QAction* clear = view->addAction(tr("&Clear Filter"), &m_session->filter(), &FilterState::clear);
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backspace));
    m_investigationActions << find << back << forward << clear;
    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    for (const auto& [id, label] : { std::pair { QStringLiteral("system"), tr("&System") },
             std::pair { QStringLiteral("light"), tr("&Light") }, std::pair { QStringLiteral("dark"), tr("&Dark") } }) {
        QAction* a = theme->addAction(label, this, [id = id] { Theme::apply(id); });
        a->setCheckable(true);
        a->setChecked(Theme::current() == id);
        themes->addAction(a);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Update Reference Data…"), this, &MainWindow::updateReferenceData);
    QAction* aboutAction = help->addAction(tr("&About Leakscope"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateTitle()
{
    if (!m_session->isOpen()) {
        setWindowTitle(tr("Leakscope"));
        return;
    }
    QString title = m_session->reader().title();
    if (m_session->reader().property(QStringLiteral("demo_inputs")).size() > 0)
        title += tr(" (demo, synthetic data)");
    setWindowTitle(tr("%1 — Leakscope").arg(title));
    setWindowFilePath(m_session->path());
}

QStringList MainWindow::recentFiles() const
{
    QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    files.erase(std::remove_if(files.begin(), files.end(), [](const QString& f) { return !QFileInfo::exists(f); }),
        files.end());
    return files;
}

void MainWindow::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
    updateRecentMenu();
    m_welcome->setRecentFiles(files);
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString& f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] { openInvestigation(f); })->setToolTip(f);
    if (files.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
            m_welcome->setRecentFiles({});
        });
    }
}

void MainWindow::openInvestigation(const QString& path)
{
    QString error;
    if (!m_session->open(path, false, &error)) {
        QMessageBox::warning(this, tr("Cannot Open Investigation"), error);
        return;
    }
    // Files from before the last analysis change, or that were never analysed (or not to the end), are analysed
    // now: the passes that need it and those downstream of them.
    const QStringList stale = Analysis::ensureTables(m_session->reader());
    if (!stale.isEmpty() && !m_session->reader().captures().empty()) {
        m_session->tasks().enqueue(
            tr("Analysing"),
            [stale](Investigation& writer, const ProgressCallback& progress) {
                const auto a = Analysis::run(writer, stale, progress);
                return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
            },
            [this](const TaskResult&) { m_session->notifyDataChanged(); });
    }
    if (m_session->reader().property(QStringLiteral("demo_inputs")).isEmpty())
        addRecentFile(path);
}

void MainWindow::openPath(const QString& path)
{
    if (isInvestigationFile(path))
        openInvestigation(path);
    else if (ensureInvestigationFor({ path }))
        importFiles({ path });
}

void MainWindow::openDemo()
{
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    statusBar()->showMessage(tr("Preparing the demo investigation…"));
    const QString path = Demo::ensureInvestigation(&error);
    QApplication::restoreOverrideCursor();
    statusBar()->clearMessage();
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Demo Unavailable"), error);
        return;
    }
    openInvestigation(path);
}

void MainWindow::newInvestigation()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New Investigation"), QDir::homePath() + tr("/investigation.leakscope"), kInvestigationFilter);
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(QStringLiteral(".leakscope")) ? path : path + QStringLiteral(".leakscope");
    if (QFileInfo::exists(file) && !QFile::remove(file)) {
        QMessageBox::warning(
            this, tr("Cannot Create Investigation"), tr("%1 exists and cannot be replaced.").arg(file));
        return;
    }
    QString error;
    if (!m_session->open(file, true, &error)) {
        QMessageBox::warning(this, tr("Cannot Create Investigation"), error);
        return;
    }
    addRecentFile(file);
}

void MainWindow::openInvestigationDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Investigation"), QDir::homePath(), kInvestigationFilter + QStringLiteral(";;All files (*)"));
    if (!path.isEmpty())
        openInvestigation(path);
}

void MainWindow::editProperties()
{
    if (!m_session->isOpen())
        return;
    QMap<QString, QString> values;
    for (const QString& key : PropertiesDialog::keys())
        values.insert(key, m_session->reader().property(key));
    PropertiesDialog dialog(values, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QMap<QString, QString> edited = dialog.values();
    m_session->tasks().enqueue(
        tr("Saving properties"),
        [edited](Investigation& writer, const ProgressCallback&) {
            Transaction tx(writer.db());
            for (auto it = edited.cbegin(); it != edited.cend(); ++it)
                writer.setProperty(it.key(), it.value());
            tx.commit();
            return TaskResult { true, false, {}, {} };
        },
        [this](const TaskResult&) {
            updateTitle();
            m_session->notifyDataChanged();
        });
}

void MainWindow::exportPdf()
{
    if (!m_session->isOpen())
        return;
    QStringList apps;
    for (const auto& a : m_session->reader().apps())
        apps.append(a.name);
    const QFileInfo inv(m_session->path());
    ReportDialog dialog(
        apps, inv.absolutePath() + QLatin1Char('/') + inv.completeBaseName() + QStringLiteral("-report.pdf"), this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    Report::Options options;
    options.filter = m_session->filter().filter();
    options.appName = dialog.appName();
    options.redact = dialog.redact();
    options.pageSize = dialog.pageSize();
    const QString path = dialog.path();
    m_session->tasks().enqueue(
        tr("Writing the PDF summary"), [options, path](Investigation& writer, const ProgressCallback& progress) {
            const ReportExport::Outcome r = ReportExport::write(writer, options, path, progress);
            return TaskResult { r.ok, false,
                r.ok ? QObject::tr("Wrote %1 (%n page(s))", nullptr, r.pages).arg(QFileInfo(path).fileName())
                     : QObject::tr("The PDF could not be written."),
                r.ok ? QStringList()
                     : QStringList { QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), r.error) } };
        });
}

void MainWindow::exportJson()
{
    if (!m_session->isOpen())
        return;
    const QFileInfo inv(m_session->path());
    QString path = QFileDialog::getSaveFileName(this, tr("Export JSON"),
        inv.absolutePath() + QLatin1Char('/') + inv.completeBaseName() + QStringLiteral(".json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    const Data::Filter filter = m_session->filter().filter();
    m_session->tasks().enqueue(tr("Exporting JSON"), [filter, path](Investigation& writer, const ProgressCallback&) {
        QSaveFile out(path);
        QString error;
        const bool ok =
            out.open(QIODevice::WriteOnly) && JsonExport::write(writer, out, filter, &error) && out.commit();
        return TaskResult { ok, false,
            ok ? QObject::tr("Wrote %1").arg(QFileInfo(path).fileName()) : QObject::tr("The JSON export failed."),
            ok ? QStringList()
               : QStringList { QStringLiteral("%1: %2").arg(
                   QFileInfo(path).fileName(), error.isEmpty() ? out.errorString() : error) } };
    });
}

void MainWindow::saveAs()
{
    if (!m_session->isOpen())
        return;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Investigation As"), QFileInfo(m_session->path()).absolutePath(), kInvestigationFilter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".leakscope")))
        path += QStringLiteral(".leakscope");
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_session->path()).absoluteFilePath())
        return;
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        QMessageBox::warning(this, tr("Save As"), tr("%1 exists and cannot be replaced.").arg(path));
        return;
    }
    m_session->tasks().enqueue(
        tr("Saving a copy"),
        [path](Investigation& writer, const ProgressCallback&) {
            writer.saveCopy(path);
            return TaskResult { true, false, QObject::tr("Saved a copy as %1").arg(QFileInfo(path).fileName()), {} };
        },
        [this, path](const TaskResult& r) {
            if (r.ok)
                openInvestigation(path);
        });
}

void MainWindow::closeInvestigation()
{
    m_session->close();
}

bool MainWindow::ensureInvestigationFor(const QStringList& captures)
{
    if (m_session->isOpen())
        return true;
    const auto answer = QMessageBox::question(this, tr("New Investigation"),
        tr("No investigation is open. Create a new investigation for %n capture file(s)?", nullptr,
            static_cast<int>(captures.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
    if (answer != QMessageBox::Yes)
        return false;
    newInvestigation();
    return m_session->isOpen();
}

void MainWindow::importDialog()
{
    if (!m_session->isOpen() && !ensureInvestigationFor({}))
        return;
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Captures"),
        QSettings().value(QStringLiteral("lastImportDir"), QDir::homePath()).toString(),
        tr("Captures (*.har *.zhar *.mitm *.flow *.flows *.dump *.pcap *.pcapng *.cap *.gz *.zst *.xml *.burp *.chlsj "
           "*.chlz *.chls *.saz *.log *.json *.ndjson *.csv);;All files (*)"));
    if (files.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("lastImportDir"), QFileInfo(files.first()).absolutePath());
    QStringList apps;
    for (const auto& a : m_session->reader().apps())
        apps.append(a.name);
    ImportDialog dialog(files, apps, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    importFiles(dialog.files(), dialog.appName(), dialog.label(), dialog.keyLogPath());
}

void MainWindow::importFiles(
    const QStringList& paths, const QString& appName, const QString& label, const QString& keyLogPath)
{
    if (!m_session->isOpen())
        return;
    const CaptureFiles::Expanded expanded = CaptureFiles::expand(paths);
    const QString title = expanded.captures.size() == 1
        ? tr("Importing %1").arg(QFileInfo(expanded.captures.first()).fileName())
        : tr("Importing %n captures", nullptr, static_cast<int>(expanded.captures.size()));
    m_session->tasks().enqueue(
        title,
        [expanded, appName, label, keyLogPath](Investigation& writer, const ProgressCallback& progress) {
            TaskResult result;
            result.details = expanded.errors;
            for (const QString& s : expanded.skipped)
                result.details.append(QObject::tr("Skipped %1").arg(s));
            int imported = 0;
            const qint64 files = static_cast<qint64>(expanded.captures.size());
            for (qint64 i = 0; i < files; ++i) {
                ImportRequest request;
                request.path = expanded.captures[static_cast<int>(i)];
                request.appName = appName;
                request.label = label;
                request.keyLogPath = keyLogPath.isEmpty() ? expanded.keyLogFor.value(request.path) : keyLogPath;
                // The import is 80% of the work, the analysis after it the rest.
                const ImportOutcome r = importCapture(writer, request, [&](qint64 done, qint64 total) {
                    return progress((i * 1000 + (total > 0 ? done * 1000 / total : 0)) * 8 / 10, files * 1000);
                });
                if (r.cancelled) {
                    result.cancelled = true;
                    break;
                }
                if (!r.ok) {
                    result.details.append(r.error);
                    continue;
                }
                ++imported;
                for (const QString& w : r.warnings)
                    result.details.append(QStringLiteral("%1: %2").arg(QFileInfo(request.path).fileName(), w));
            }
            if (imported > 0 && !result.cancelled) {
                const auto a = Analysis::run(writer, {}, [&](qint64 done, qint64 total) {
                    return progress(800 + (total > 0 ? done * 200 / total : 0), 1000);
                });
                if (!a.ok)
                    result.details.append(a.error);
            }
            result.ok = imported == files && !result.cancelled;
            result.message = result.cancelled
                ? QObject::tr("Import cancelled; the investigation is unchanged for the cancelled file.")
                : QObject::tr("Imported %1 of %2 capture files.").arg(imported).arg(files);
            return result;
        },
        [this](const TaskResult&) { m_session->notifyDataChanged(); });
}

void MainWindow::onTaskFinished(const QString& title, const TaskResult& result)
{
    statusBar()->showMessage(result.message.isEmpty() ? tr("%1: done").arg(title) : result.message, 8000);
    const bool problems =
        std::any_of(result.details.cbegin(), result.details.cend(), [](const QString& d) { return !d.isEmpty(); });
    if (!result.ok && !result.cancelled && (problems || !result.message.isEmpty())) {
        QMessageBox box(QMessageBox::Warning, title, result.message.isEmpty() ? tr("The task failed.") : result.message,
            QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.setDetailedText(result.details.join(QLatin1Char('\n')));
        box.setInformativeText(result.details.isEmpty() ? QString() : result.details.first());
        box.exec();
    }
}

void MainWindow::about()
{
    AboutDialog(this).exec();
}

void MainWindow::updateReferenceData()
{
    RefDataUpdateDialog dialog(this);
    connect(&dialog, &RefDataUpdateDialog::updated, this, [this] {
        // New data changes the answers: analyse again with it.
        if (!m_session->isOpen())
            return;
        m_session->tasks().enqueue(
            tr("Analysing with the new reference data"),
            [](Investigation& writer, const ProgressCallback& progress) {
                const auto a = Analysis::run(writer, {}, progress);
                return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
            },
            [this](const TaskResult&) { m_session->notifyDataChanged(); });
    });
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_session->tasks().isBusy()) {
        const auto answer = QMessageBox::question(this, tr("Quit Leakscope"),
            tr("A task is still running. Cancel it and quit?"), QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_session->close();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList investigations;
    QStringList captures;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        (QFileInfo(path).isFile() && isInvestigationFile(path) ? investigations : captures).append(path);
    }
    event->acceptProposedAction();
    if (!investigations.isEmpty()) {
        openInvestigation(investigations.first());
    } else if (!captures.isEmpty() && ensureInvestigationFor(captures)) {
        importFiles(captures);
    }
}
