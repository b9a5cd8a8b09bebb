// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "destinationsmodel.h"

#include "displayformat.h"
#include "enrich/entitylist.h"
#include "geo/countrytable.h"

#include <QHash>
#include <QPair>

#include <utility>

DestinationsModel::DestinationsModel(QObject* parent)
    : QAbstractItemModel(parent)
{ }

void DestinationsModel::setCountryTable(const CountryTable* countries)
{
    m_countries = countries;
}

void DestinationsModel::setEntityList(const EntityList* entities)
{
    m_entities = entities;
}

namespace {
constexpr size_t kPrefetchAhead = 8;
}

DestinationsModel::Tree DestinationsModel::buildTree(std::vector<Data::DestinationRow> rows, const EntityList* entities)
{
    // Runs on every filter change over up to tens of thousands of hosts: translations are looked up once, and
    // companies and domains are found by hash (a translation lookup per row was a third of the time).
    const QString unattributed = tr("(unattributed)");
    const QString unknownCompany = tr("Unknown company");
    Tree tree;
    tree.rows = std::move(rows);
    tree.nodes.reserve(tree.rows.size() + tree.rows.size() / 4 + 16);
    std::vector<Node>& nodes = tree.nodes;
    QHash<QString, int> companies;
    QHash<QPair<int, QString>, int> domains;
    auto add = [&](Node n, int parent) {
        const int index = static_cast<int>(nodes.size());
        n.parent = parent;
        if (parent < 0) {
            n.rowInParent = static_cast<int>(tree.roots.size());
            tree.roots.push_back(index);
        } else {
            n.rowInParent = static_cast<int>(nodes[static_cast<size_t>(parent)].children.size());
            nodes[static_cast<size_t>(parent)].children.push_back(index);
        }
        nodes.push_back(std::move(n));
        return index;
    };
    const auto category = [entities](const Data::Destination& r) {
        // The filter lists' verdict first (it is about this host); else what the company does.
        return !r.trackerCategory.isEmpty()           ? r.trackerCategory
            : entities && !r.entityCategory.isEmpty() ? entities->categoryText(r.entityCategory)
                                                      : r.entityCategory;
    };
    QHash<QPair<quint32, QString>, QString> networks; // formatted once per network
    const auto network = [&networks](const Data::Destination& r) {
        if (!r.asn)
            return QString();
        auto it = networks.constFind({ r.asn, r.asOrg });
        if (it == networks.cend())
            it = networks.insert({ r.asn, r.asOrg }, QStringLiteral("AS%1 %2").arg(r.asn).arg(r.asOrg));
        return it.value();
    };
    QHash<QString, QStringList> appLists; // one shared list per app for the hosts
    // A company's or domain's sums over its hosts.
    auto accumulate = [&](int index, const Data::DestinationRow& r, const QString& app) {
        Node& n = nodes[static_cast<size_t>(index)];
        n.sent += r.bytesSent;
        n.received += r.bytesReceived;
        n.requests += r.requests;
        for (const QString& c : r.countries) {
            if (!n.countries.contains(c))
                n.countries.append(c);
        }
        if (!n.apps.contains(app))
            n.apps.append(app);
        const Data::Destination& d = *r.destination;
        n.party = n.party == -2 ? d.firstParty : (n.party == d.firstParty ? n.party : -3);
        if (n.category.isEmpty())
            n.category = category(d);
        if (n.network.isEmpty())
            n.network = network(d);
    };
    QHash<QPair<QString, QString>, QString> jurisdictions; // made once per pair of countries
    const auto jurisdiction = [&jurisdictions](const Data::Destination& r) {
        if (r.hqCountry.isEmpty())
            return QString();
        auto it = jurisdictions.constFind({ r.hqCountry, r.legalDomicile });
        if (it == jurisdictions.cend())
            it = jurisdictions.insert(
                { r.hqCountry, r.legalDomicile }, r.hqCountry + QLatin1String(" / ") + r.legalDomicile);
        return it.value();
    };
    for (size_t i = 0; i < tree.rows.size(); ++i) {
        // Each row's destination is elsewhere in memory: asked for a few rows ahead, so that the wait for it
        // overlaps the work on this one (the loop waited on memory more than it computed).
        if (i + kPrefetchAhead < tree.rows.size())
            __builtin_prefetch(tree.rows[i + kPrefetchAhead].destination.get());
        const Data::DestinationRow& row = tree.rows[i];
        const Data::Destination& r = *row.destination;
        const QString& company = !r.rootEntityName.isEmpty() ? r.rootEntityName
            : !r.entityName.isEmpty()                        ? r.entityName
                                                             : unknownCompany;
        auto cit = companies.constFind(company);
        if (cit == companies.constEnd()) {
            Node n;
            n.kind = CompanyNode;
            n.name = company;
            n.entityId = !r.rootEntityId.isEmpty() ? r.rootEntityId : r.entityId;
            n.jurisdiction = jurisdiction(r);
            cit = companies.insert(company, add(std::move(n), -1));
        }
        const int companyNode = cit.value();
        const QString& domainName = r.registrableDomain.isEmpty() ? r.host : r.registrableDomain;
        auto dit = domains.constFind({ companyNode, domainName });
        if (dit == domains.constEnd()) {
            Node n;
            n.kind = DomainNode;
            n.name = domainName;
            n.entityId = r.entityId;
            n.jurisdiction = jurisdiction(r);
            dit = domains.insert({ companyNode, domainName }, add(std::move(n), companyNode));
        }
        const int domainNode = dit.value();
        // A host is one row: its values are the row's, without summing.
        const QString& app = r.app.isEmpty() ? unattributed : r.app;
        auto apps = appLists.constFind(app);
        if (apps == appLists.constEnd())
            apps = appLists.insert(app, QStringList { app });
        Node host;
        host.kind = HostNode;
        host.name = r.host;
        host.destination = static_cast<int>(i);
        host.entityId = r.entityId;
        host.jurisdiction = jurisdiction(r);
        host.sent = row.bytesSent;
        host.received = row.bytesReceived;
        host.requests = row.requests;
        host.countries = row.countries; // distinct already
        host.apps = apps.value();
        host.party = r.firstParty;
        host.category = category(r);
        host.network = network(r);
        add(std::move(host), domainNode);
        accumulate(domainNode, row, app);
        accumulate(companyNode, row, app);
    }
    return tree;
}

void DestinationsModel::setRows(std::vector<Data::DestinationRow> rows)
{
    setTree(std::make_shared<const Tree>(buildTree(std::move(rows), m_entities)));
}

std::shared_ptr<const DestinationsModel::Tree> DestinationsModel::setTree(std::shared_ptr<const Tree> tree)
{
    beginResetModel();
    std::shared_ptr<const Tree> previous =
        std::exchange(m_tree, tree ? std::move(tree) : std::make_shared<const Tree>());
    endResetModel();
    return previous;
}

const DestinationsModel::Node* DestinationsModel::node(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() >= m_tree->nodes.size())
        return nullptr;
    return &m_tree->nodes[static_cast<size_t>(index.internalId())];
}

const Data::DestinationRow* DestinationsModel::row(const QModelIndex& index) const
{
    const Node* n = node(index);
    return n && n->destination >= 0 ? &m_tree->rows[static_cast<size_t>(n->destination)] : nullptr;
}

std::vector<const Data::DestinationRow*> DestinationsModel::rowsUnder(const QModelIndex& index) const
{
    std::vector<const Data::DestinationRow*> out;
    const Node* n = node(index);
    if (!n)
        return out;
    std::vector<const Node*> stack { n };
    while (!stack.empty()) {
        const Node* top = stack.back();
        stack.pop_back();
        if (top->destination >= 0)
            out.push_back(&m_tree->rows[static_cast<size_t>(top->destination)]);
        for (int c : top->children)
            stack.push_back(&m_tree->nodes[static_cast<size_t>(c)]);
    }
    return out;
}

QModelIndex DestinationsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= NUM_COLUMNS)
        return {};
    const std::vector<int>* children = &m_tree->roots;
    if (parent.isValid()) {
        const Node* p = node(parent);
        if (!p || parent.column() != 0)
            return {};
        children = &p->children;
    }
    if (row >= static_cast<int>(children->size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>((*children)[static_cast<size_t>(row)]));
}

QModelIndex DestinationsModel::parent(const QModelIndex& child) const
{
    const Node* n = node(child);
    if (!n || n->parent < 0)
        return {};
    const Node& p = m_tree->nodes[static_cast<size_t>(n->parent)];
    return createIndex(p.rowInParent, 0, static_cast<quintptr>(n->parent));
}

int DestinationsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_tree->roots.size());
    if (parent.column() != 0)
        return 0;
    const Node* n = node(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int DestinationsModel::columnCount(const QModelIndex&) const
{
    return NUM_COLUMNS;
}

QString DestinationsModel::countryText(const QStringList& codes) const
{
    if (codes.isEmpty())
        return {};
    QStringList names;
    for (const QString& c : codes.mid(0, 3))
        names.append(m_countries ? QStringLiteral("%1 (%2)").arg(m_countries->name(c), c) : c);
    if (codes.size() > 3)
        names.append(tr("+%1 more").arg(codes.size() - 3));
    return names.join(QStringLiteral(", "));
}

QVariant DestinationsModel::data(const QModelIndex& index, int role) const
{
    const Node* n = node(index);
    if (!n)
        return {};
    const Data::DestinationRow* r = n->destination >= 0 ? &m_tree->rows[static_cast<size_t>(n->destination)] : nullptr;
    const Data::Destination* d = r ? r->destination.get() : nullptr; // a host's own columns
    switch (role) {
    case KindRole:
        return static_cast<int>(n->kind);
    case EntityIdRole:
        return n->entityId;
    case HostRole:
        return d ? d->host : QString();
    case SearchRole: {
        // What the search box matches: names on every level, so a hit keeps its company and domain visible.
        QString s = n->name + u' ' + n->apps.join(u' ') + u' ' + n->countries.join(u' ') + u' ' + n->category;
        if (r)
            s += u' ' + d->entityName + u' ' + d->asOrg + u' ' + r->ips.join(u' ');
        return s;
    }
    case SortRole:
        switch (index.column()) {
        case SentColumn:
            return n->sent;
        case ReceivedColumn:
            return n->received;
        case RequestsColumn:
            return n->requests;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == SentColumn || index.column() == ReceivedColumn || index.column() == RequestsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (d && index.column() == CountryColumn && !d->cdn.isEmpty())
            return tr("%1 runs this network (anycast/CDN): the country is where the address block is registered; the "
                      "server that answered was probably closer to the device.")
                .arg(d->cdn);
        if (d && index.column() == PartyColumn)
            return DisplayFormat::toolTip(d->firstPartyReason); // may quote a User-Agent
        if (d && index.column() == JurisdictionColumn && !d->hqCountry.isEmpty())
            return tr("Headquarters: %1; legal domicile: %2")
                .arg(m_countries ? m_countries->name(d->hqCountry) : d->hqCountry,
                    m_countries ? m_countries->name(d->legalDomicile) : d->legalDomicile);
        if (r && index.column() == NameColumn && r->encryptedOnly)
            return tr("Seen only as encrypted connections: what was sent could not be read.");
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return r && r->encryptedOnly ? tr("%1 (encrypted only)").arg(DisplayFormat::inert(n->name, 200))
                                     : DisplayFormat::inert(n->name, 200);
    case AppColumn:
        return DisplayFormat::inert(n->apps.join(QStringLiteral(", ")), 120);
    case CountryColumn: {
        const QString text = countryText(n->countries);
        return d && !d->cdn.isEmpty() && !text.isEmpty() ? QString(text + tr(" (CDN)")) : text;
    }
    case NetworkColumn:
        return n->network; // a host's own, formatted with the tree
    case CategoryColumn:
        return n->category;
    case PartyColumn:
        switch (n->party) {
        case 1:
            return tr("first party");
        case 0:
            return tr("third party");
        case -3:
            return tr("mixed");
        default:
            return QString();
        }
    case SentColumn:
        return DisplayFormat::bytes(n->sent);
    case ReceivedColumn:
        return DisplayFormat::bytes(n->received);
    case RequestsColumn:
        return n->requests;
    case JurisdictionColumn:
        return n->jurisdiction;
    }
    return {};
}

QVariant DestinationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CountryColumn:
            return tr("Server country (GeoIP of the addresses used): where the address block is registered");
        case NetworkColumn:
            return tr("The network (autonomous system) that hosts the server");
        case JurisdictionColumn:
            return tr("The company's headquarters / legal domicile (from the entity list)");
        case PartyColumn:
            return tr("First party: run by the app's own company; third party: anyone else");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Company / domain / host");
    case AppColumn:
        return tr("App");
    case CountryColumn:
        return tr("Server country");
    case NetworkColumn:
        return tr("Network");
    case CategoryColumn:
        return tr("Category");
    case PartyColumn:
        return tr("Party");
    case SentColumn:
        return tr("Sent");
    case ReceivedColumn:
        return tr("Received");
    case RequestsColumn:
        return tr("Requests");
    case JurisdictionColumn:
        return tr("HQ / domicile");
    }
    return {};
}
