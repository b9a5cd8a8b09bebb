// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class CapturesPage;
class FilterBar;
class FlowsPage;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class Session;
class WelcomePage;
struct TaskResult;

/// The window: menus, page navigation, the status bar with background tasks, drag and drop. Pages own their
/// behaviour; this class only wires them (STYLE.md 9).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens an investigation file, or imports a capture file (asking where to create an investigation when
    /// none is open).
    void openPath(const QString& path);
    void openInvestigation(const QString& path);
    void openDemo();
    /// Imports captures into the open investigation in the background.
    void importFiles(const QStringList& paths, const QString& appName = {}, const QString& label = {},
        const QString& keyLogPath = {});

    Session& session()
    {
        return *m_session;
    }
    FlowsPage* flowsPage() const
    {
        return m_flowsPage;
    }
    CapturesPage* capturesPage() const
    {
        return m_capturesPage;
    }
    FilterBar* filterBar() const
    {
        return m_filterBar;
    }
    /// Shows the page with this title ("Flows", "Captures", …).
    void showPage(const QString& title);
    QString currentPageTitle() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void addPage(QWidget* page, const QString& title, const QString& iconName, const QString& tooltip);
    void newInvestigation();
    void openInvestigationDialog();
    void importDialog();
    void closeInvestigation();
    void editProperties();
    void exportPdf();
    void exportJson();
    void saveAs();
    void about();
    void updateTitle();
    void updateRecentMenu();
    void addRecentFile(const QString& path);
    QStringList recentFiles() const;
    void onTaskFinished(const QString& title, const TaskResult& result);
    bool ensureInvestigationFor(const QStringList& captures);

    Session* m_session;
    QStackedWidget* m_central;
    WelcomePage* m_welcome;
    QWidget* m_workspace;
    QListWidget* m_nav;
    FilterBar* m_filterBar;
    QStackedWidget* m_pages;
    CapturesPage* m_capturesPage;
    FlowsPage* m_flowsPage;
    QMenu* m_recentMenu = nullptr;
    QList<QAction*> m_investigationActions;
    QLabel* m_taskLabel;
    QProgressBar* m_taskProgress;
    QToolButton* m_taskCancel;
};
