// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturespage.h"

#include "models/capturesmodel.h"
#include "models/displayformat.h"
#include "pipeline/analysis.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

CapturesPage::CapturesPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new CapturesModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_labelButton(new QPushButton(tr("Edit &Label…"), this))
    , m_removeButton(new QPushButton(tr("&Remove Capture…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CapturesModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CapturesModel::IdColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(CapturesModel::FileColumn, QHeaderView::Stretch);
    m_view->setAccessibleName(tr("Captures"));
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Capture details"));
    m_details->setPlaceholderText(tr("Select a capture to see where it came from and what was skipped."));

    auto* importButton = new QPushButton(tr("&Import Captures…"), this);
    importButton->setToolTip(tr("Add HAR, mitmproxy, pcap and other capture files to this investigation"));
    m_removeButton->setToolTip(tr("Remove the capture and everything derived from it"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(importButton);
    buttons->addWidget(m_labelButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(importButton, &QPushButton::clicked, this, &CapturesPage::importRequested);
    connect(m_labelButton, &QPushButton::clicked, this, &CapturesPage::editLabel);
    connect(m_removeButton, &QPushButton::clicked, this, &CapturesPage::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CapturesPage::showSelected);
    connect(m_view, &QTableView::doubleClicked, this, &CapturesPage::editLabel);
    connect(&m_session, &Session::opened, this, &CapturesPage::reload);
    connect(&m_session, &Session::dataChanged, this, &CapturesPage::reload);
    connect(&m_session, &Session::closed, this, [this] { m_model->setData({}); });
    showSelected();
}

void CapturesPage::reload()
{
    if (!m_session.isOpen())
        return;
    std::vector<CapturesModel::Entry> entries;
    try {
        for (auto& c : m_session.reader().captures()) {
            QStringList warnings = m_session.reader().captureWarnings(c.id);
            entries.push_back({ std::move(c), std::move(warnings) });
        }
    } catch (const StoreError& e) {
        m_details->setPlainText(e.message());
    }
    m_model->setData(std::move(entries));
    showSelected();
}

qint64 CapturesPage::selectedCapture() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(CapturesModel::CaptureIdRole).toLongLong() : 0;
}

void CapturesPage::showSelected()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    const CapturesModel::Entry* e = m_model->entry(index.row());
    m_labelButton->setEnabled(e != nullptr);
    m_removeButton->setEnabled(e != nullptr);
    if (!e) {
        m_details->clear();
        return;
    }
    const Data::CaptureRecord& c = e->capture;
    QString t = tr("File: %1\nSize: %2 (%3 bytes)\nSHA-256: %4\nFormat: %5\n")
                    .arg(DisplayFormat::inert(c.fileName), DisplayFormat::bytes(c.fileSize))
                    .arg(c.fileSize)
                    .arg(c.sha256, c.format);
    if (!c.producer.isEmpty())
        t += tr("Written by: %1\n").arg(DisplayFormat::inert(c.producer));
    if (!c.appHint.isEmpty())
        t += tr("App chosen at import: %1\n").arg(c.appHint);
    t += tr("Imported: %1\n").arg(DisplayFormat::time(c.importedAt));
    if (!c.notes.isEmpty())
        t += tr("Notes: %1\n").arg(c.notes);
    if (e->warnings.isEmpty())
        t += tr("\nNo warnings: every record was read.\n");
    else
        t += tr("\nWarnings:\n") + QStringLiteral("• ") + e->warnings.join(QStringLiteral("\n• ")) + QLatin1Char('\n');
    m_details->setPlainText(t);
}

void CapturesPage::editLabel()
{
    const qint64 id = selectedCapture();
    const auto capture = id ? m_session.reader().capture(id) : std::nullopt;
    if (!capture)
        return;
    bool ok = false;
    const QString label = QInputDialog::getText(this, tr("Capture Label"),
        tr("Label for %1 (e.g. \"run A: draft discarded\"):").arg(capture->fileName), QLineEdit::Normal, capture->label,
        &ok);
    if (!ok)
        return;
    m_session.tasks().enqueue(
        tr("Relabelling capture"),
        [id, label](Investigation& writer, const ProgressCallback&) {
            writer.setCaptureLabel(id, label.trimmed());
            return TaskResult { true, false, {}, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}

void CapturesPage::removeSelected()
{
    const qint64 id = selectedCapture();
    const auto capture = id ? m_session.reader().capture(id) : std::nullopt;
    if (!capture)
        return;
    const auto answer = QMessageBox::question(this, tr("Remove Capture"),
        tr("Remove \"%1\" (%n flow(s)) and the analysis derived from it from this investigation?\n\nThe original "
           "file on disk is not touched.",
            nullptr, static_cast<int>(capture->flowCount))
            .arg(capture->fileName),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_session.tasks().enqueue(
        tr("Removing capture"),
        [id](Investigation& writer, const ProgressCallback& progress) {
            writer.removeCapture(id);
            const auto a = Analysis::run(writer, {}, progress);
            return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}
