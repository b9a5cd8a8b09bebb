// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "refdata/refdataupdater.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

/// Help → Update Reference Data…: the opt-in update. Lists each data set with the hosts it contacts and how
/// the download is checked; non-commercial lists need their licence accepted first; a proxy (socks5h:// for
/// Tor) is honoured. Nothing is contacted until "Download" is pressed.
class RefDataUpdateDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RefDataUpdateDialog(QWidget* parent = nullptr);
    ~RefDataUpdateDialog() override;

Q_SIGNALS:
    /// New data was installed: analyses should run again.
    void updated();

private:
    void refreshHosts();
    void start();
    void onItemChanged(int row);

    std::vector<UpdateSource> m_sources;
    QSet<QString> m_accepted;
    QListWidget* m_list;
    QPlainTextEdit* m_info;
    QLineEdit* m_proxy;
    QLabel* m_proxyWarning;
    QProgressBar* m_progress;
    QPushButton* m_start;
    QPushButton* m_cancel;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::shared_ptr<std::atomic<int>> m_permille;
    QFutureWatcher<RefDataUpdater::Outcome> m_watcher;
};
