// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "datapage.h"

#include "detect/categories.h"
#include "dialogs/knownidentifiersdialog.h"
#include "enrich/flowfacets.h"
#include "models/categorymatrixmodel.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "models/findingsmodel.h"
#include "pipeline/analysis.h"
#include "reloadwhenshown.h"
#include "report/summarypass.h"
#include "session.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"
#include "tasks/taskrunner.h"
#include "tasks/workerpools.h"
#include "widgets/appselector.h"
#include "widgets/categorymatrixchart.h"
#include "widgets/evidenceview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

DataPage::DataPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new FindingsModel(this))
    , m_matrix(new CategoryMatrixModel(this))
    , m_chart(new CategoryMatrixChart(this))
    , m_view(new QTableView(this))
    , m_evidence(new EvidenceView(this))
    , m_app(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_party(new QComboBox(this))
    , m_confidence(new QComboBox(this))
    , m_count(new QLabel(this))
{
    m_app->setAccessibleName(tr("App"));
    m_app->setToolTip(tr("The app whose data is shown (applies to every page)"));
    m_category->setAccessibleName(tr("Category"));
    m_party->setAccessibleName(tr("Company or domain"));
    m_confidence->setAccessibleName(tr("Minimum confidence"));
    m_confidence->addItem(tr("Any confidence"), 0);
    m_confidence->addItem(tr("Medium or high"), 1);
    m_confidence->addItem(tr("High only"), 2);
    m_party->setMinimumContentsLength(18);
    auto* identifiers = new QPushButton(tr("Known &Identifiers…"), this);
    identifiers->setToolTip(
        tr("Your own email, phone, ad ID, home position and planted canaries, found in any encoding"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_app);
    top->addWidget(m_category);
    top->addWidget(m_party);
    top->addWidget(m_confidence);
    top->addStretch();
    top->addWidget(m_count);
    top->addWidget(identifiers);

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FindingsModel::TimeColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(FindingsModel::EvidenceColumn, QHeaderView::Stretch);
    m_view->setAccessibleName(tr("Findings"));

    auto* matrixTable = new QTableView(this);
    matrixTable->setModel(m_matrix);
    matrixTable->setAccessibleName(tr("Categories by company, as a table"));
    auto* overview = new QTabWidget(this);
    overview->addTab(m_chart, tr("Matrix"));
    overview->addTab(matrixTable, tr("Table"));

    // The matrix takes the page's height (a row per category); the list and the evidence share the rest.
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_view);
    right->addWidget(m_evidence);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(overview);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    updateCombos();

    // The page's own narrowing re-runs the list query (not the matrix): the list is read in blocks from ids.
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        m_narrowing.category = m_category->currentData().toString();
        reloadList();
    });
    connect(m_party, &QComboBox::currentIndexChanged, this, [this] {
        m_narrowing.party = m_party->currentData().toString();
        reloadList();
    });
    connect(m_confidence, &QComboBox::currentIndexChanged, this, [this] {
        m_narrowing.minConfidence = m_confidence->currentData().toInt();
        reloadList();
    });
    connect(m_model, &FindingsModel::sortRequested, this, [this](FindingStore::SortKey key, bool descending) {
        m_sortKey = key;
        m_descending = descending;
        reloadList();
    });
    connect(m_chart, &CategoryMatrixChart::cellClicked, this, [this](const QString& category, const QString& party) {
        setCategory(category);
        setParty(party);
    });
    connect(matrixTable, &QTableView::activated, this, [this](const QModelIndex& i) {
        setCategory(i.data(CategoryMatrixModel::CategoryRole).toString());
        setParty(i.data(CategoryMatrixModel::PartyRole).toString());
    });
    connect(identifiers, &QPushButton::clicked, this, &DataPage::editIdentifiers);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DataPage::onSelectionChanged);
    auto* lazy = new ReloadWhenShown(this, [this] { reload(); });
    m_lazyReload = lazy;
    connect(&m_session.filter(), &FilterState::filterChanged, this, [lazy] { lazy->request(); });
    connect(&m_session, &Session::opened, this, [this] {
        m_model->setDatabase(&m_session.reader().db());
        reload();
    });
    connect(&m_session, &Session::dataChanged, this, &DataPage::reload);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        ++m_matrixJob;
        ++m_evidenceJob;
        m_model->setDatabase(nullptr);
        m_matrix->setCells({});
        m_chart->setModel(m_matrix);
        m_evidence->clear();
        updateCombos();
        updateApps();
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const std::vector<qint64>>>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || !m_session.isOpen()
            || m_watcher.future().resultCount() == 0)
            return; // a newer query replaced this one
        // Not takeResult(): in Qt 6.4 it resets the future, and waitForFinished() then waits forever.
        const std::shared_ptr<const std::vector<qint64>> ids = m_watcher.result();
        if (!ids) {
            showIds({});
            return;
        }
        m_session.results().insert("data list", m_query, ids, static_cast<qint64>(ids->size() * sizeof(qint64)));
        showIds(*ids);
    });
    connect(&m_matrixWatcher, &QFutureWatcher<std::shared_ptr<const std::vector<Data::MatrixCell>>>::finished, this,
        [this] {
            if (m_matrixWatcher.property("job").toULongLong() == m_matrixJob)
                m_matrixShownJob = m_matrixJob;
            if (m_matrixWatcher.property("job").toULongLong() != m_matrixJob || !m_session.isOpen()
                || m_matrixWatcher.future().resultCount() == 0)
                return;
            const std::shared_ptr<const std::vector<Data::MatrixCell>> cells = m_matrixWatcher.result();
            if (!cells) {
                showMatrix({});
                return;
            }
            m_session.results().insert("data matrix", m_matrixQuery, cells,
                static_cast<qint64>(cells->size()) * 128); // with its two strings
            showMatrix(*cells);
        });
    connect(&m_evidenceWatcher, &QFutureWatcher<Evidence::Explanation>::finished, this, [this] {
        const quint64 job = m_evidenceWatcher.property("job").toULongLong();
        const qint64 id = m_evidenceWatcher.property("finding").toLongLong();
        if (job != m_evidenceJob || m_evidenceWatcher.future().resultCount() == 0)
            return;
        const int row = m_model->rowOf(id);
        if (row < 0)
            return;
        m_evidence->showExplanation(*m_model->finding(row), m_evidenceWatcher.result());
        Q_EMIT evidenceShown(id);
    });
}

DataPage::~DataPage()
{
    m_watcher.waitForFinished();
    m_matrixWatcher.waitForFinished();
    m_evidenceWatcher.waitForFinished();
}

bool DataPage::isLoading() const
{
    return isListLoading() || (m_session.isOpen() && m_matrixShownJob != m_matrixJob) || m_evidenceWatcher.isRunning();
}

bool DataPage::isListLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

void DataPage::updateCombos()
{
    const QString category = m_narrowing.category;
    const QString party = m_narrowing.party;
    const QSignalBlocker b1(m_category), b2(m_party);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const QString& id : m_matrix->categories())
        m_category->addItem(Categories::displayName(id), id);
    if (!category.isEmpty() && m_category->findData(category) < 0)
        m_category->addItem(Categories::displayName(category), category);
    m_category->setCurrentIndex(std::max(0, m_category->findData(category)));
    m_party->clear();
    m_party->addItem(tr("All companies and domains"), QString());
    for (const QString& p : m_matrix->parties())
        m_party->addItem(DisplayFormat::inert(p, 60), p);
    if (!party.isEmpty() && m_party->findData(party) < 0)
        m_party->addItem(DisplayFormat::inert(party, 60), party);
    m_party->setCurrentIndex(std::max(0, m_party->findData(party)));
}

void DataPage::setCategory(const QString& category)
{
    m_narrowing.category = category;
    updateCombos();
    reloadList();
}

void DataPage::setParty(const QString& party)
{
    m_narrowing.party = party;
    updateCombos();
    reloadList();
}

void DataPage::setMinConfidence(int level)
{
    m_confidence->setCurrentIndex(std::clamp(level, 0, 2));
}

void DataPage::updateApps()
{
    AppSelector::fill(m_app, m_session);
}

void DataPage::reload()
{
    if (!m_session.isOpen())
        return;
    updateApps();
    queryMatrix();
    reloadList();
}

void DataPage::queryMatrix()
{
    const quint64 job = ++m_matrixJob;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    m_matrixQuery = m_session.results().key(filter);
    if (const auto kept = m_session.results().find<std::vector<Data::MatrixCell>>("data matrix", filter)) {
        m_matrixShownJob = job;
        showMatrix(*kept);
        return;
    }
    m_matrixWatcher.setProperty("job", job);
    m_matrixWatcher.setFuture(QtConcurrent::run(WorkerPools::queries(),
        [path, filter, facets = m_session.facets()]() -> std::shared_ptr<const std::vector<Data::MatrixCell>> {
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                // Unfiltered, the analysis stored it; filtered, the facets count it (SQL: 0.1–0.5 s on a million
                // flows).
                if (facets && !filter.isEmpty() && facets->prepare(inv->db(), filter))
                    return std::make_shared<const std::vector<Data::MatrixCell>>(facets->matrix(filter));
                return std::make_shared<const std::vector<Data::MatrixCell>>(SummaryPass::matrix(inv->db(), filter));
            } catch (const StoreError&) {
                return nullptr; // shown as empty, not kept
            }
        }));
}

void DataPage::showMatrix(const std::vector<Data::MatrixCell>& cells)
{
    m_matrix->setCells(cells);
    m_chart->setModel(m_matrix);
    updateCombos();
}

void DataPage::reloadList()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    const FindingStore::Narrowing narrowing = m_narrowing;
    const FindingStore::SortKey key = m_sortKey;
    const bool descending = m_descending;
    m_query = m_session.results().key(filter,
        QStringLiteral("%1\n%2\n%3 %4 %5")
            .arg(narrowing.category, narrowing.party)
            .arg(narrowing.minConfidence)
            .arg(static_cast<int>(key))
            .arg(descending));
    if (const auto kept = m_session.results().find<std::vector<qint64>>("data list", filter, m_query.variant)) {
        m_shownJob = job;
        showIds(*kept);
        return;
    }
    m_count->setText(tr("loading…"));
    // Each query opens its own read connection: SQLite connections are not shared between threads.
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(),
        [path, filter, narrowing, key, descending,
            facets = m_session.facets()]() -> std::shared_ptr<const std::vector<qint64>> {
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                if (facets && key == FindingStore::SortKey::Time && narrowing.party.isEmpty()
                    && facets->prepare(inv->db(), filter))
                    return std::make_shared<const std::vector<qint64>>(
                        facets->findingIds(filter, narrowing.category, narrowing.minConfidence, descending));
                return std::make_shared<const std::vector<qint64>>(
                    FindingStore::ids(inv->db(), filter, narrowing, key, descending));
            } catch (const StoreError&) {
                return nullptr; // shown as an empty list, not kept
            }
        }));
}

void DataPage::showIds(const std::vector<qint64>& ids)
{
    const qint64 selected = m_pendingSelection;
    m_model->setIds(ids);
    m_count->setText(tr("%n finding(s)", nullptr, m_model->rowCount()));
    m_pendingSelection = 0;
    if (selected)
        showFinding(selected);
    else
        m_evidence->clear();
    Q_EMIT loaded(m_model->rowCount());
}

void DataPage::showFinding(qint64 findingId)
{
    const int row = m_model->rowOf(findingId);
    if (row >= 0) {
        m_view->selectRow(row);
        m_view->scrollTo(m_model->index(row, 0));
        return;
    }
    if (isListLoading()) {
        m_pendingSelection = findingId; // selected when the list arrives
        return;
    }
    if (!m_narrowing.category.isEmpty() || !m_narrowing.party.isEmpty() || m_narrowing.minConfidence > 0) {
        // Hidden by the page's own narrowing: widen it to show the finding.
        m_narrowing = {};
        {
            const QSignalBlocker block(m_confidence);
            m_confidence->setCurrentIndex(0);
        }
        updateCombos();
        m_pendingSelection = findingId;
        reloadList();
    }
}

void DataPage::onSelectionChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const Data::FindingRow* f = current.isValid() ? m_model->finding(current.row()) : nullptr;
    if (!f || !m_session.isOpen()) {
        m_evidence->clear();
        return;
    }
    const quint64 job = ++m_evidenceJob;
    const QString path = m_session.path();
    const Data::FindingRow finding = *f;
    m_evidenceWatcher.setProperty("job", job);
    m_evidenceWatcher.setProperty("finding", finding.id);
    m_evidenceWatcher.setFuture(QtConcurrent::run(WorkerPools::queries(), [path, finding]() -> Evidence::Explanation {
        try {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
            return Evidence::explain(*inv, finding);
        } catch (const StoreError& e) {
            Evidence::Explanation out;
            out.error = e.message();
            return out;
        }
    }));
}

KnownIdentifiersDialog* DataPage::editIdentifiers()
{
    if (!m_session.isOpen())
        return nullptr;
    if (m_editor) {
        m_editor->raise();
        return m_editor;
    }
    m_editor = new KnownIdentifiersDialog(KnownIdentifierStore::list(m_session.reader().db()), this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &QDialog::accepted, this, [this] { applyIdentifiers(m_editor->identifiers()); });
    m_editor->open();
    return m_editor;
}

void DataPage::applyIdentifiers(const std::vector<Data::KnownIdentifier>& identifiers)
{
    // Stored and the findings recomputed on the writer thread: the list may be long and the capture large.
    m_session.tasks().enqueue(
        tr("Recomputing findings"),
        [identifiers](Investigation& writer, const ProgressCallback& progress) {
            try {
                KnownIdentifierStore::replaceAll(writer.db(), identifiers);
            } catch (const StoreError& e) {
                return TaskResult { false, false, e.message(), {} };
            }
            const auto a = Analysis::run(writer, { QStringLiteral("detect") }, progress);
            return TaskResult { a.ok, a.cancelled,
                a.ok ? QObject::tr(
                    "Findings recomputed with %n known identifier(s).", nullptr, static_cast<int>(identifiers.size()))
                     : a.error,
                {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}
