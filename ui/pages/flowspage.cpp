// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowspage.h"

#include "enrich/flowfacets.h"
#include "models/filterstate.h"
#include "models/flowsmodel.h"
#include "reloadwhenshown.h"
#include "session.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "tasks/workerpools.h"
#include "widgets/flowdetailview.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

FlowsPage::FlowsPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new FlowsModel(this))
    , m_view(new QTableView(this))
    , m_detail(new FlowDetailView(this))
    , m_search(new QLineEdit(this))
    , m_searchBodies(new QCheckBox(tr("Search &bodies too"), this))
    , m_count(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search URLs, hosts and headers (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search flows"));
    m_searchBodies->setToolTip(
        tr("Also look inside request and response bodies (decompressed). Slower on large investigations."));
    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_searchBodies);
    top->addWidget(m_count);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FlowsModel::TimeColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setAccessibleName(tr("Flows"));
    // Sensible widths from the font; the path takes what is left.
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const std::pair<int, const char*> widths[] = { { FlowsModel::IdColumn, "00000" },
        { FlowsModel::TimeColumn, "2026-11-20 14:00:00.000" }, { FlowsModel::AppColumn, "Example App" },
        { FlowsModel::MethodColumn, "OPTIONS" }, { FlowsModel::HostColumn, "firebaseinstallations.googleapis" },
        { FlowsModel::StatusColumn, "Status" }, { FlowsModel::TypeColumn, "application/json" },
        { FlowsModel::SentColumn, "999 bytes" }, { FlowsModel::ReceivedColumn, "999 bytes" } };
    for (const auto& [column, sample] : widths)
        m_view->setColumnWidth(column, m_view->fontMetrics().horizontalAdvance(QLatin1String(sample)) + em);
    m_view->horizontalHeader()->setSectionResizeMode(FlowsModel::UrlColumn, QHeaderView::Stretch);

    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setToolTip(tr("Right-click to choose the columns"));
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &FlowsPage::showColumnMenu);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, &FlowsPage::showRowMenu);
    const QList<int> hidden = [] {
        QList<int> out;
        const QVariantList stored =
            QSettings().value(QStringLiteral("flows/hiddenColumns"), QVariantList { FlowsModel::IdColumn }).toList();
        for (const QVariant& v : stored)
            out.append(v.toInt());
        return out;
    }();
    for (int column : hidden)
        m_view->setColumnHidden(column, true);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_session.filter().setText(m_search->text().trimmed()); });
    connect(m_model, &FlowsModel::sortRequested, this, [this](FlowQuery::SortKey key, bool descending) {
        m_sortKey = key;
        m_descending = descending;
        reload();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FlowsPage::onSelectionChanged);
    connect(m_searchBodies, &QCheckBox::toggled, this, &FlowsPage::reload);
    connect(m_detail, &FlowDetailView::noteChanged, this, [this](const Data::FlowNote& note) {
        m_session.tasks().enqueue(
            tr("Saving note"),
            [note](Investigation& writer, const ProgressCallback&) {
                FlowNotes::set(writer.db(), note);
                return TaskResult { true, false, {}, {} };
            },
            [this, id = note.flowId](const TaskResult&) { m_model->refreshFlow(id); });
    });
    m_lazyReload = new ReloadWhenShown(this, [this] { reload(); });
    connect(&m_session.filter(), &FilterState::filterChanged, this, [this](const Data::Filter& f) {
        if (m_search->text().trimmed() != f.text) {
            const QSignalBlocker block(m_search);
            m_search->setText(f.text);
        }
        m_lazyReload->request();
    });
    connect(&m_session, &Session::opened, this, [this] {
        m_model->setDatabase(&m_session.reader().db());
        reload();
    });
    connect(&m_session, &Session::dataChanged, this, &FlowsPage::reload);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_model->setDatabase(nullptr);
        m_detail->showFlow(nullptr, 0);
        m_count->clear();
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const std::vector<qint64>>>::finished, this, [this] {
        const quint64 job = m_watcher.property("job").toULongLong();
        if (job == m_job)
            m_shownJob = m_job;
        if (job != m_job || !m_session.isOpen() || m_watcher.future().resultCount() == 0)
            return; // a newer query replaced this one
        const std::shared_ptr<const std::vector<qint64>> ids = m_watcher.result();
        if (!ids) {
            showIds({});
            return;
        }
        m_session.results().insert("flows", m_query, ids, static_cast<qint64>(ids->size() * sizeof(qint64)));
        showIds(*ids);
    });
}

void FlowsPage::showIds(const std::vector<qint64>& ids)
{
    const qint64 selected = m_pendingSelection ? m_pendingSelection : m_detail->flowId();
    m_model->setIds(ids);
    m_count->setText(tr("%n flow(s)", nullptr, m_model->rowCount()));
    const int row = selected ? m_model->rowOf(selected) : -1;
    if (row >= 0) {
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0));
    } else {
        m_detail->showFlow(nullptr, 0);
    }
    m_pendingSelection = 0;
    Q_EMIT loaded(m_model->rowCount());
}

FlowsPage::~FlowsPage()
{
    m_watcher.waitForFinished();
}

bool FlowsPage::isLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

void FlowsPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void FlowsPage::reload()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    const FlowQuery::SortKey key = m_sortKey;
    const bool descending = m_descending;
    const bool bodies = m_searchBodies->isChecked() && !filter.text.isEmpty();
    // A newer query makes the running one stale: a body search stops early instead of finishing for nothing.
    if (m_stale)
        m_stale->store(true);
    m_query = m_session.results().key(
        filter, QStringLiteral("%1 %2 %3").arg(static_cast<int>(key)).arg(descending).arg(bodies));
    if (const auto kept = m_session.results().find<std::vector<qint64>>("flows", filter, m_query.variant)) {
        m_shownJob = job;
        showIds(*kept);
        return;
    }
    m_count->setText(bodies ? tr("searching bodies…") : tr("loading…"));
    m_stale = std::make_shared<std::atomic<bool>>(false);
    auto stale = m_stale;
    // Each query opens its own read connection: SQLite connections are not shared between threads.
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(),
        [path, filter, key, descending, bodies, stale,
            facets = m_session.facets()]() -> std::shared_ptr<const std::vector<qint64>> {
            auto ids = std::make_shared<std::vector<qint64>>();
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                if (facets && key == FlowQuery::SortKey::Time && !bodies && facets->prepare(inv->db(), filter)) {
                    *ids = facets->flowIds(filter, descending); // no SQL: milliseconds on a million flows
                    return ids;
                }
                *ids = bodies ? FlowQuery::idsSearchingBodies(
                           inv->db(), filter, key, descending, [stale] { return stale->load(); })
                              : FlowQuery::ids(inv->db(), filter, key, descending);
            } catch (const StoreError&) {
                return nullptr; // shown as an empty list, not kept
            }
            return ids;
        }));
}

void FlowsPage::showColumnMenu(const QPoint& position)
{
    QMenu menu(this);
    for (int column = 0; column < FlowsModel::NUM_COLUMNS; ++column) {
        QAction* a = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!m_view->isColumnHidden(column));
        connect(a, &QAction::toggled, this, [this, column](bool visible) {
            m_view->setColumnHidden(column, !visible);
            saveColumns();
        });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(position));
}

void FlowsPage::showRowMenu(const QPoint& position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    m_view->selectRow(index.row());
    const QString host = m_model->index(index.row(), FlowsModel::HostColumn).data().toString();
    QMenu menu(this);
    menu.addAction(
        tr("Show Only Host \"%1\"").arg(host), this, [this, host] { m_session.filter().setHosts({ host }); });
    menu.addAction(tr("Show Only This Capture"), this, [this, index] {
        if (const auto flow = m_session.reader().flow(m_model->flowId(index.row())))
            m_session.filter().setCaptures({ flow->captureId });
    });
    menu.addSeparator();
    menu.addAction(tr("Copy URL"), this, [this, index] {
        if (const auto flow = m_session.reader().flow(m_model->flowId(index.row())))
            QGuiApplication::clipboard()->setText(flow->flow.url);
    });
    menu.addAction(
        tr("Copy as curl"), this, [this] { QGuiApplication::clipboard()->setText(m_detail->curlCommand()); });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void FlowsPage::saveColumns()
{
    QVariantList hidden;
    for (int column = 0; column < FlowsModel::NUM_COLUMNS; ++column) {
        if (m_view->isColumnHidden(column))
            hidden.append(column);
    }
    QSettings().setValue(QStringLiteral("flows/hiddenColumns"), hidden);
}

void FlowsPage::showFlow(qint64 flowId)
{
    const int row = m_model->rowOf(flowId);
    if (row >= 0) {
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0));
    } else {
        m_pendingSelection = flowId;
        m_session.filter().clear();
        reload();
    }
}

void FlowsPage::onSelectionChanged()
{
    const QModelIndex current = m_view->currentIndex();
    m_detail->showFlow(
        m_session.isOpen() ? &m_session.reader() : nullptr, current.isValid() ? m_model->flowId(current.row()) : 0);
}
