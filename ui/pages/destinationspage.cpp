// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationspage.h"

#include "enrich/enrichstore.h"
#include "enrich/flowfacets.h"
#include "enrich/referencedata.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "pipeline/analysis.h"
#include "reloadwhenshown.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "tasks/workerpools.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

/// Search and the "show" choice, over every level (a matching host keeps its company and domain).
class DestinationsProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    int show = 0; ///< 0 all, 1 third parties, 2 trackers, 3 encrypted only

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        const auto* model = static_cast<const DestinationsModel*>(sourceModel());
        const Data::DestinationRow* r = model->row(index);
        if (!r)
            return false; // companies and domains are shown through their matching hosts (recursive filtering)
        if ((show == 1 && r->destination->firstParty != 0) || (show == 2 && r->destination->trackerCategory.isEmpty())
            || (show == 3 && !r->encryptedOnly))
            return false;
        const QRegularExpression re = filterRegularExpression();
        if (re.pattern().isEmpty())
            return true;
        // A host matches on its own words or on those of its domain and company.
        for (QModelIndex i = index; i.isValid(); i = i.parent()) {
            if (i.data(DestinationsModel::SearchRole).toString().contains(re))
                return true;
        }
        return false;
    }
};

} // namespace

DestinationsPage::DestinationsPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new DestinationsModel(this))
    , m_proxy(new DestinationsProxy(this))
    , m_view(new QTreeView(this))
    , m_search(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_flowsButton(new QPushButton(tr("Show &Flows"), this))
    , m_ownerButton(new QPushButton(tr("App &Owner…"), this))
    , m_assignButton(new QPushButton(tr("&Assign to App…"), this))
{
    // The shared data lives as long as the process keeps a reference: hold one for the model's pointers.
    m_data = ReferenceData::shared();
    m_model->setCountryTable(&m_data->countries());
    m_model->setEntityList(&m_data->entities());
    m_search->setPlaceholderText(tr("Search companies, domains, hosts, countries, networks"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search destinations"));
    m_show->addItems(
        { tr("All destinations"), tr("Third parties"), tr("Known trackers and ad servers"), tr("Encrypted only") });
    m_show->setAccessibleName(tr("Show"));
    m_flowsButton->setToolTip(tr("Filter the Flows page to the selected hosts"));
    m_ownerButton->setToolTip(tr("Say which company owns the app, to correct first/third party"));
    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_show);
    top->addWidget(m_flowsButton);
    top->addWidget(m_ownerButton);
    top->addWidget(m_assignButton);
    top->addWidget(m_count);

    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(DestinationsModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DestinationsModel::SentColumn, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAccessibleName(tr("Destinations"));
    m_view->header()->setSectionResizeMode(DestinationsModel::NameColumn, QHeaderView::Interactive);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(DestinationsModel::NameColumn, 22 * em);
    m_view->setColumnWidth(DestinationsModel::CountryColumn, 14 * em);
    m_view->setColumnWidth(DestinationsModel::NetworkColumn, 14 * em);
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Destination details"));
    m_details->setPlaceholderText(tr("Select a host to see its three layers: server country, network and company."));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterRegularExpression(
            QRegularExpression(QRegularExpression::escape(text.trimmed()), QRegularExpression::CaseInsensitiveOption));
        if (!text.trimmed().isEmpty())
            m_view->expandAll();
    });
    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int index) {
        static_cast<DestinationsProxy*>(m_proxy)->show = index;
        m_proxy->invalidate();
        m_view->expandToDepth(0);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &DestinationsPage::showSelected);
    connect(m_flowsButton, &QPushButton::clicked, this, &DestinationsPage::showFlowsOfSelection);
    // Double-clicking a company (or a domain of a known company) filters every page to that company.
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        const QString entity = source.data(DestinationsModel::EntityIdRole).toString();
        if (!entity.isEmpty() && source.data(DestinationsModel::KindRole).toInt() != DestinationsModel::HostNode)
            m_session.filter().setCompanies({ entity });
    });
    connect(m_ownerButton, &QPushButton::clicked, this, &DestinationsPage::editOwner);
    m_assignButton->setToolTip(
        tr("Add a rule: requests to the selected hosts come from this app (for captures that do not say)"));
    connect(m_assignButton, &QPushButton::clicked, this, &DestinationsPage::assignToApp);
    auto* lazy = new ReloadWhenShown(this, [this] { reload(); });
    m_lazyReload = lazy;
    connect(&m_session.filter(), &FilterState::filterChanged, this, [lazy] { lazy->request(); });
    connect(&m_session, &Session::opened, this, &DestinationsPage::reload);
    connect(&m_session, &Session::dataChanged, this, &DestinationsPage::reload);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_model->setRows({});
        m_details->clear();
        m_count->clear();
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const DestinationsModel::Tree>>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || !m_session.isOpen()
            || m_watcher.future().resultCount() == 0)
            return; // replaced by a newer query
        // The tree is shared with the future and the cache, not copied: on 32 000 destinations a copy took 100 ms.
        std::shared_ptr<const DestinationsModel::Tree> tree = m_watcher.result();
        if (tree) // about a kilobyte per destination row, the tree's nodes included
            m_session.results().insert("destinations", m_query, tree, static_cast<qint64>(tree->rows.size()) << 10);
        showTree(std::move(tree));
    });
}

void DestinationsPage::showTree(std::shared_ptr<const DestinationsModel::Tree> tree)
{
    const int n = tree ? static_cast<int>(tree->rows.size()) : 0;
    Session::releaseInBackground(m_model->setTree(std::move(tree)));
    m_view->expandToDepth(n > m_hostsShownExpanded ? 0 : 1); // hosts under their domains, unless too many
    m_count->setText(tr("%n destination(s)", nullptr, n));
    showSelected();
    Q_EMIT loaded(n);
}

DestinationsPage::~DestinationsPage()
{
    m_watcher.waitForFinished();
}

bool DestinationsPage::isLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

void DestinationsPage::reload()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    m_query = m_session.results().key(filter);
    if (auto kept = m_session.results().find<DestinationsModel::Tree>("destinations", filter)) {
        m_shownJob = job;
        showTree(std::move(kept));
        return;
    }
    m_count->setText(tr("loading…"));
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(),
        [path, filter, data = m_data, facets = m_session.facets()]() -> std::shared_ptr<const DestinationsModel::Tree> {
            std::vector<Data::DestinationRow> rows;
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                rows = DestinationQuery::load(inv->db(), filter, facets.get());
            } catch (const StoreError&) {
                return nullptr; // shown as empty, not kept
            }
            return std::make_shared<const DestinationsModel::Tree>(
                DestinationsModel::buildTree(std::move(rows), &data->entities()));
        }));
}

void DestinationsPage::showSelected()
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    const Data::DestinationRow* r = m_model->row(index);
    if (!r) {
        const auto rows = m_model->rowsUnder(index);
        m_details->setPlainText(rows.empty()
                ? QString()
                : tr("%n host(s) selected. Select a host for its details.", nullptr, static_cast<int>(rows.size())));
        return;
    }
    const Data::Destination& d = *r->destination;
    const CountryTable& countries = m_data->countries();
    QStringList countryNames;
    for (const QString& c : r->countries)
        countryNames.append(QStringLiteral("%1 (%2)").arg(countries.name(c), c));
    QString t = tr("Host: %1\nApp: %2\nRegistrable domain: %3 (owner domain %4)\n\n")
                    .arg(DisplayFormat::inert(d.host, 300),
                        d.app.isEmpty() ? tr("(unattributed)") : DisplayFormat::inert(d.app, 100),
                        d.registrableDomain.isEmpty() ? tr("(an IP address)") : d.registrableDomain,
                        d.ownerDomain.isEmpty() ? tr("none") : d.ownerDomain);
    t += tr("1. Server country (GeoIP): %1\n   Addresses: %2\n")
             .arg(countryNames.isEmpty() ? tr("unknown (no address in the capture, or a private/reserved one)")
                                         : countryNames.join(QStringLiteral(", ")),
                 r->ips.isEmpty() ? tr("none seen") : r->ips.mid(0, 12).join(QStringLiteral(", ")));
    t += tr("2. Network: %1\n").arg(d.asn ? QStringLiteral("AS%1 %2").arg(d.asn).arg(d.asOrg) : tr("unknown"));
    if (!d.cdn.isEmpty())
        t += tr("   Caveat: %1 runs an anycast/CDN network. The country is where the address block is registered; the "
                "server that answered was probably closer to the device.\n")
                 .arg(d.cdn);
    if (d.entityName.isEmpty()) {
        t += tr("3. Company: not in the entity list\n");
        if (!d.listOwner.isEmpty())
            t += tr("   %1's list (CC BY-NC-SA, downloaded by you) names: %2\n")
                     .arg(d.listOwnerSource, DisplayFormat::inert(d.listOwner, 100));
    } else {
        t += tr("3. Company: %1%2\n   Headquarters: %3; legal domicile: %4\n")
                 .arg(d.entityName,
                     d.entityLegalName.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(d.entityLegalName),
                     d.hqCountry.isEmpty() ? tr("unknown") : countries.name(d.hqCountry),
                     d.legalDomicile.isEmpty() ? tr("unknown") : countries.name(d.legalDomicile));
        if (!d.rootEntityName.isEmpty() && d.rootEntityId != d.entityId)
            t += tr("   Part of: %1\n").arg(d.rootEntityName);
    }
    t += tr("\nCategory: %1\n")
             .arg(d.trackerCategory.isEmpty() ? (
                      d.entityCategory.isEmpty() ? tr("none known") : m_data->entities().categoryText(d.entityCategory))
                                              : tr("%1 (EasyPrivacy/EasyList)").arg(d.trackerCategory));
    t +=
        tr("Party: %1\n")
            .arg(d.firstParty == 1      ? tr("first party (%1)").arg(d.firstPartyReason)
                    : d.firstParty == 0 ? tr("third party (the app's owner: %1)").arg(d.firstPartyReason)
                                        : tr("unknown: the app's owner could not be inferred; set it with App Owner…"));
    t += tr("Traffic: %1 requests, %2 connections; %3 sent, %4 received; %5 – %6\n")
             .arg(r->requests)
             .arg(r->connections)
             .arg(DisplayFormat::bytes(r->bytesSent), DisplayFormat::bytes(r->bytesReceived),
                 DisplayFormat::time(r->firstSeen), DisplayFormat::time(r->lastSeen));
    if (r->encryptedOnly)
        t += tr("Seen only as encrypted connections: what was sent could not be read.\n");
    m_details->setPlainText(t);
}

void DestinationsPage::showFlowsOfSelection()
{
    QStringList hosts;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& i : selected) {
        for (const Data::DestinationRow* r : m_model->rowsUnder(m_proxy->mapToSource(i))) {
            if (!hosts.contains(r->destination->host))
                hosts.append(r->destination->host);
        }
    }
    if (hosts.isEmpty())
        return;
    m_session.filter().setHosts(hosts);
    Q_EMIT showFlowsRequested();
}

void DestinationsPage::editOwner()
{
    if (!m_session.isOpen())
        return;
    const auto apps = m_session.reader().apps();
    if (apps.empty())
        return;
    QStringList appNames;
    for (const auto& a : apps)
        appNames.append(a.package.isEmpty() ? a.name : QStringLiteral("%1 (%2)").arg(a.name, a.package));
    bool ok = false;
    const QString chosenApp = QInputDialog::getItem(this, tr("App Owner"), tr("App:"), appNames, 0, false, &ok);
    if (!ok)
        return;
    const auto& app = apps[static_cast<size_t>(appNames.indexOf(chosenApp))];
    const EntityList& entities = ReferenceData::shared()->entities();
    QStringList companies { tr("(infer automatically)") };
    QStringList ids { QString() };
    for (const auto& e : entities.entities()) {
        companies.append(QStringLiteral("%1 — %2").arg(e.displayName, e.legalName));
        ids.append(e.id);
    }
    const QString company = QInputDialog::getItem(this, tr("App Owner"),
        tr("The company that owns %1 (its domains and those of its parent count as "
           "first party):")
            .arg(app.name),
        companies, 0, false, &ok);
    if (!ok)
        return;
    const QString domains = QInputDialog::getText(this, tr("App Owner"),
        tr("Other first-party domains of %1, separated by spaces (e.g. vidzy.example):").arg(app.name),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    const FirstParty::Override value { ids.value(companies.indexOf(company)),
        domains.toLower().split(u' ', Qt::SkipEmptyParts) };
    const QString name = app.name, package = app.package;
    m_session.tasks().enqueue(
        tr("Updating first/third party"),
        [name, package, value](Investigation& writer, const ProgressCallback& progress) {
            {
                Transaction tx(writer.db());
                EnrichStore::setOwnerOverride(writer.db(), name, package, value);
                tx.commit();
            }
            const auto a = Analysis::run(writer, { QStringLiteral("enrich") }, progress);
            return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}

void DestinationsPage::assignToApp()
{
    if (!m_session.isOpen())
        return;
    QStringList hosts;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& i : selected) {
        for (const Data::DestinationRow* r : m_model->rowsUnder(m_proxy->mapToSource(i))) {
            if (!hosts.contains(r->destination->host))
                hosts.append(r->destination->host);
        }
    }
    if (hosts.isEmpty())
        return;
    QStringList apps;
    for (const auto& a : m_session.reader().apps())
        apps.append(a.name);
    bool ok = false;
    const QString app = QInputDialog::getItem(this, tr("Assign to App"),
        tr("Requests to %n host(s) come from this app (a rule for captures that do not "
           "name the app; what a capture or the import said is kept):",
            nullptr, static_cast<int>(hosts.size())),
        apps, 0, true, &ok)
                            .trimmed();
    if (!ok || app.isEmpty())
        return;
    m_session.tasks().enqueue(
        tr("Assigning hosts to %1").arg(app),
        [hosts, app](Investigation& writer, const ProgressCallback& progress) {
            {
                Transaction tx(writer.db());
                for (const QString& host : hosts)
                    EnrichStore::addAppRule(writer.db(), { host, app, QString() });
                tx.commit();
            }
            const auto a = Analysis::run(writer, {}, progress);
            return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}
