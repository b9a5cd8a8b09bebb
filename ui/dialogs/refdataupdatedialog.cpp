// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "refdataupdatedialog.h"

#include "common/paths.h"
#include "refdata/refdatacatalogue.h"
#include "tasks/workerpools.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

RefDataUpdateDialog::RefDataUpdateDialog(QWidget* parent)
    : QDialog(parent)
    , m_sources(RefDataUpdater::sources())
    , m_list(new QListWidget(this))
    , m_info(new QPlainTextEdit(this))
    , m_proxy(new QLineEdit(this))
    , m_proxyWarning(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_start(new QPushButton(tr("&Download"), this))
    , m_cancel(new QPushButton(tr("Cancel Download"), this))
{
    setWindowTitle(tr("Update Reference Data"));
    resize(720, 560);
    auto* intro =
        new QLabel(tr("Leakscope works offline with the data it ships. Here you can fetch newer data. Nothing "
                      "is contacted until you press Download; each host below then learns your IP address "
                      "(use a proxy or Tor to hide it)."),
            this);
    intro->setWordWrap(true);
    const RefDataCatalogue catalogue = RefDataCatalogue::load();
    for (const UpdateSource& s : m_sources) {
        const DatasetInfo current = catalogue.dataset(s.id);
        auto* item = new QListWidgetItem(s.nonCommercial
                ? tr("%1 — non-commercial licence").arg(s.name)
                : tr("%1 (now: %2)").arg(s.name, current.version.isEmpty() ? tr("none") : current.version),
            m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_info->setReadOnly(true);
    m_info->setAccessibleName(tr("What will be contacted"));
    m_proxy->setPlaceholderText(tr("none — e.g. socks5h://127.0.0.1:9050 for Tor"));
    m_proxy->setText(QSettings().value(QStringLiteral("refdata/proxy")).toString());
    m_proxy->setAccessibleName(tr("Proxy"));
    m_proxyWarning->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancel->hide();
    auto* form = new QFormLayout;
    form->addRow(tr("&Proxy:"), m_proxy);
    form->addRow(QString(), m_proxyWarning);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_info, 1);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(
        m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) { onItemChanged(m_list->row(item)); });
    connect(m_list, &QListWidget::currentRowChanged, this, &RefDataUpdateDialog::refreshHosts);
    connect(m_proxy, &QLineEdit::textChanged, this, &RefDataUpdateDialog::refreshHosts);
    connect(m_start, &QPushButton::clicked, this, &RefDataUpdateDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_stop)
            m_stop->store(true);
    });
    connect(&m_watcher, &QFutureWatcher<RefDataUpdater::Outcome>::finished, this, [this] {
        const RefDataUpdater::Outcome o = m_watcher.result();
        m_progress->hide();
        m_cancel->hide();
        m_start->setEnabled(true);
        QString text =
            o.cancelled ? tr("Cancelled; files already replaced stay, the others are unchanged.\n") : QString();
        if (!o.updated.isEmpty())
            text += tr("Updated:\n• %1\n").arg(o.updated.join(QStringLiteral("\n• ")));
        if (!o.errors.isEmpty())
            text +=
                tr("Not updated (the previous data stays in use):\n• %1\n").arg(o.errors.join(QStringLiteral("\n• ")));
        m_info->setPlainText(text);
        if (!o.updated.isEmpty())
            Q_EMIT updated();
    });
    refreshHosts();
}

RefDataUpdateDialog::~RefDataUpdateDialog()
{
    if (m_stop)
        m_stop->store(true);
    m_watcher.waitForFinished();
}

void RefDataUpdateDialog::onItemChanged(int row)
{
    QListWidgetItem* item = m_list->item(row);
    const UpdateSource& s = m_sources[static_cast<size_t>(row)];
    if (item->checkState() == Qt::Checked && s.nonCommercial && !m_accepted.contains(s.id)) {
        QMessageBox box(
            QMessageBox::Question, tr("Licence of %1").arg(s.name), s.licenseNotice, QMessageBox::NoButton, this);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(tr("Do you accept this licence for your use of the list?"));
        QPushButton* accept = box.addButton(tr("I &Accept"), QMessageBox::AcceptRole);
        box.addButton(tr("Do &Not Download"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() == accept) {
            m_accepted.insert(s.id);
        } else {
            const QSignalBlocker block(m_list);
            item->setCheckState(Qt::Unchecked);
        }
    }
    refreshHosts();
}

void RefDataUpdateDialog::refreshHosts()
{
    QString text;
    QStringList hosts;
    bool any = false;
    for (size_t i = 0; i < m_sources.size(); ++i) {
        const UpdateSource& s = m_sources[i];
        const bool checked = m_list->item(static_cast<int>(i))->checkState() == Qt::Checked;
        if (checked) {
            any = true;
            for (const QString& h : s.hosts()) {
                if (!hosts.contains(h))
                    hosts.append(h);
            }
        }
        if (checked || static_cast<int>(i) == m_list->currentRow())
            text += tr("%1\n  contacts: %2\n  checked by: %3\n  licence: %4\n\n")
                        .arg(s.name, s.hosts().join(QStringLiteral(", ")), s.verification, s.license);
    }
    m_info->setPlainText((any ? tr("Download will contact: %1\n\n").arg(hosts.join(QStringLiteral(", ")))
                              : tr("Tick the data to update.\n\n"))
        + text);
    const QString proxy = m_proxy->text().trimmed();
    const QString bad = Downloader::checkProxy(proxy);
    m_proxyWarning->setText(!bad.isEmpty() ? bad
            : proxy.startsWith(QLatin1String("socks5://"))
            ? tr("socks5:// resolves host names on this machine (a DNS query leaves it); use socks5h:// for Tor.")
            : proxy.isEmpty() ? tr("Direct connection.")
                              : tr("All downloads go through this proxy."));
    m_start->setEnabled(any && bad.isEmpty() && !m_watcher.isRunning());
}

void RefDataUpdateDialog::start()
{
    std::vector<UpdateSource> selected;
    for (size_t i = 0; i < m_sources.size(); ++i) {
        if (m_list->item(static_cast<int>(i))->checkState() == Qt::Checked)
            selected.push_back(m_sources[i]);
    }
    if (selected.empty())
        return;
    QSettings().setValue(QStringLiteral("refdata/proxy"), m_proxy->text().trimmed());
    RefDataUpdater::Options options;
    options.download.proxy = m_proxy->text().trimmed();
    options.acceptedLicences = m_accepted;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_permille = std::make_shared<std::atomic<int>>(0);
    auto stop = m_stop;
    auto permille = m_permille;
    m_start->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_info->setPlainText(tr("Downloading…"));
    auto* timer = new QTimer(this);
    timer->setInterval(200);
    connect(timer, &QTimer::timeout, this, [this, timer, permille] {
        m_progress->setValue(permille->load());
        if (!m_watcher.isRunning())
            timer->deleteLater();
    });
    timer->start();
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(), [selected, options, stop, permille] {
        return RefDataUpdater::run(selected, options, [stop, permille](qint64 done, qint64 total) {
            if (total > 0)
                permille->store(static_cast<int>(done * 1000 / total));
            return !stop->load();
        });
    }));
}
