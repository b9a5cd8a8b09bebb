// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "overviewpage.h"

#include "detect/categories.h"
#include "enrich/flowfacets.h"
#include "enrich/referencedata.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "reloadwhenshown.h"
#include "report/summarypass.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/workerpools.h"
#include "widgets/appselector.h"
#include "widgets/worldmappainter.h"
#include "widgets/worldmapwidget.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

constexpr int kTopCompanies = 12;

QTreeWidget* makeTree(const QStringList& headers, const QString& accessibleName, QWidget* parent)
{
    auto* tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setAccessibleName(accessibleName);
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < headers.size(); ++c)
        tree->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    return tree;
}

QGroupBox* framed(const QString& title, QWidget* content, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

QString partyText(int firstParty)
{
    if (firstParty == 1)
        return OverviewPage::tr("first party");
    if (firstParty == 0)
        return OverviewPage::tr("third party");
    return OverviewPage::tr("unknown");
}

} // namespace

OverviewPage::OverviewPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_app(new QComboBox(this))
    , m_scope(new QLabel(this))
    , m_headlines(new QListWidget(this))
    , m_map(new WorldMapWidget(this))
    , m_companies(
          makeTree({ tr("Company or domain"), tr("Party"), tr("Headquarters"), tr("Sent") }, tr("Top companies"), this))
    , m_categories(makeTree({ tr("Data category"), tr("Receivers"), tr("Confidence") }, tr("Data categories"), this))
{
    m_app->setAccessibleName(tr("App"));
    m_app->setToolTip(tr("The app the overview is about (the filter every page follows)"));
    m_app->setMinimumContentsLength(18);
    m_scope->setTextFormat(Qt::PlainText);
    m_scope->setWordWrap(true);
    auto* appLabel = new QLabel(tr("&App:"), this);
    appLabel->setBuddy(m_app);
    auto* top = new QHBoxLayout;
    top->addWidget(appLabel);
    top->addWidget(m_app);
    top->addSpacing(12);
    top->addWidget(m_scope, 1);

    auto* tiles = new QHBoxLayout;
    tiles->addWidget(makeTile(tr("Companies"), tr("Companies (parent companies counted once) that received data"),
        Headlines::Evidence::Destinations, &m_companiesNumber));
    tiles->addWidget(makeTile(tr("Third parties"), tr("Companies other than the app's own company"),
        Headlines::Evidence::Destinations, &m_thirdPartiesNumber));
    tiles->addWidget(makeTile(tr("Server countries"), tr("Countries of the servers that received data (GeoIP)"),
        Headlines::Evidence::Map, &m_countriesNumber));
    tiles->addWidget(
        makeTile(tr("Data categories"), tr("Categories of personal data found in requests (medium or high confidence)"),
            Headlines::Evidence::Data, &m_categoriesNumber));
    tiles->addWidget(makeTile(tr("Uploads before Post"), tr("Upload sessions that started before the Post marker"),
        Headlines::Evidence::Uploads, &m_uploadsNumber));
    tiles->addWidget(
        makeTile(tr("Not decrypted"), tr("Share of connections whose content stayed encrypted: unseen, not empty"),
            Headlines::Evidence::Captures, &m_unseenNumber));

    m_headlines->setAccessibleName(tr("Headlines"));
    m_headlines->setWordWrap(true);
    m_headlines->setTextElideMode(Qt::ElideNone);
    m_headlines->setSpacing(3);
    m_headlines->setToolTip(tr("Click a sentence, or select it and press Enter, to open the page with its evidence"));
    m_map->setAccessibleName(tr("Server countries map"));
    m_map->setMinimumHeight(160);
    const WorldMapPainter::World& world = WorldMapPainter::shippedWorld();
    m_map->setShapes(world.shapes, world.alpha2);

    auto* grid = new QGridLayout;
    grid->addWidget(framed(tr("Headlines"), m_headlines, this), 0, 0);
    grid->addWidget(framed(tr("Server countries"), m_map, this), 0, 1);
    grid->addWidget(framed(tr("Top companies"), m_companies, this), 1, 0);
    grid->addWidget(framed(tr("Data categories"), m_categories, this), 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(tiles);
    layout->addLayout(grid, 1);

    connect(m_app, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_app->itemData(index).toLongLong();
        m_session.filter().setApps(id ? QList<qint64> { id } : QList<qint64> {});
    });
    connect(m_headlines, &QListWidget::itemClicked, this,
        [this](QListWidgetItem* item) { openHeadline(m_headlines->row(item)); });
    connect(m_headlines, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { openHeadline(m_headlines->row(item)); });
    connect(m_companies, &QTreeWidget::itemActivated, this, &OverviewPage::openCompany);
    connect(m_categories, &QTreeWidget::itemActivated, this, &OverviewPage::openCategory);
    connect(m_map, &WorldMapWidget::countryClicked, this, [this](const QString& alpha2) {
        if (alpha2.isEmpty())
            return;
        m_session.filter().setCountries({ alpha2 });
        Q_EMIT evidenceRequested(Headlines::Evidence::Map);
    });
    auto* lazy = new ReloadWhenShown(this, [this] { reload(); });
    m_lazyReload = lazy;
    connect(&m_session.filter(), &FilterState::filterChanged, this, [lazy] { lazy->request(); });
    connect(&m_session, &Session::opened, this, &OverviewPage::reload);
    connect(&m_session, &Session::dataChanged, this, &OverviewPage::reload);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_summary = {};
        m_app->clear();
        present();
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const Headlines::Summary>>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || !m_session.isOpen()
            || m_watcher.future().resultCount() == 0)
            return; // a newer filter is being computed, or the investigation closed
        const std::shared_ptr<const Headlines::Summary> summary = m_watcher.result();
        if (!summary) {
            showSummary({});
            return;
        }
        m_session.results().insert("overview", m_query, summary, 64 << 10);
        showSummary(*summary);
    });
    present();
}

OverviewPage::~OverviewPage()
{
    m_watcher.waitForFinished();
}

bool OverviewPage::isLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

QWidget* OverviewPage::makeTile(
    const QString& caption, const QString& toolTip, Headlines::Evidence page, QLabel** number)
{
    // A flat button holding two labels: the whole tile is one focusable, clickable control.
    auto* tile = new QPushButton(this);
    tile->setFlat(true);
    tile->setToolTip(toolTip);
    tile->setAccessibleName(caption);
    tile->setMinimumHeight(64);
    tile->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto* value = new QLabel(QStringLiteral("–"), tile);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value->setFont(big);
    value->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(caption, tile);
    text->setAlignment(Qt::AlignCenter);
    for (QLabel* l : { value, text })
        l->setAttribute(Qt::WA_TransparentForMouseEvents);
    auto* layout = new QVBoxLayout(tile);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(0);
    layout->addWidget(value);
    layout->addWidget(text);
    connect(tile, &QPushButton::clicked, this, [this, page] { Q_EMIT evidenceRequested(page); });
    *number = value;
    return tile;
}

void OverviewPage::refreshApps()
{
    AppSelector::fill(m_app, m_session);
}

void OverviewPage::reload()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    m_query = m_session.results().key(filter);
    if (const auto kept = m_session.results().find<Headlines::Summary>("overview", filter)) {
        m_shownJob = job;
        showSummary(*kept);
        return;
    }
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(),
        [path, filter, facets = m_session.facets()]() -> std::shared_ptr<const Headlines::Summary> {
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                return std::make_shared<const Headlines::Summary>(
                    SummaryPass::overview(inv->db(), filter, facets.get()));
            } catch (const StoreError&) {
                return nullptr; // shown as empty, not kept
            }
        }));
}

void OverviewPage::showSummary(const Headlines::Summary& summary)
{
    m_summary = summary;
    refreshApps();
    present();
    Q_EMIT loaded();
}

void OverviewPage::present()
{
    const Headlines::Summary& s = m_summary;
    const bool open = m_session.isOpen();
    auto setNumber = [open](QLabel* label, const QString& text) { label->setText(open ? text : QStringLiteral("–")); };
    setNumber(m_companiesNumber, QString::number(s.companies));
    setNumber(m_thirdPartiesNumber, QString::number(s.thirdParties));
    setNumber(m_countriesNumber,
        QString::number(std::count_if(
            s.serverCountries.cbegin(), s.serverCountries.cend(), [](const auto& c) { return !c.first.isEmpty(); })));
    setNumber(m_categoriesNumber, QString::number(s.categories.size()));
    setNumber(m_uploadsNumber, QString::number(s.uploadsBeforePost));
    setNumber(m_unseenNumber,
        s.coverage.connections > 0 ? QStringLiteral("%1%").arg(
            qRound(100.0 * static_cast<double>(s.coverage.encryptedOnly) / static_cast<double>(s.coverage.connections)))
                                   : tr("n/a"));
    m_unseenNumber->parentWidget()->setToolTip(s.coverage.connections > 0
            ? tr("%1 of %2 connections stayed encrypted: what they carried is unknown, not empty.")
                  .arg(s.coverage.encryptedOnly)
                  .arg(s.coverage.connections)
            : tr("The captures hold requests only (a proxy or browser export): there are no connections to decrypt."));

    m_scope->setText(open
            ? tr("%1 requests, %2 connections, %3 sent to %4 receivers")
                  .arg(s.coverage.flows)
                  .arg(s.coverage.connections)
                  .arg(DisplayFormat::bytes(std::accumulate(s.receivers.cbegin(), s.receivers.cend(), qint64(0),
                      [](qint64 sum, const Headlines::Receiver& r) { return sum + r.bytesSent; })))
                  .arg(s.receivers.size())
            : QString());

    m_headlines->clear();
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QIcon finding = style()->standardIcon(QStyle::SP_ArrowRight);
    for (const Headlines::Headline& h : s.headlines) {
        auto* item = new QListWidgetItem(h.warning ? warning : finding, DisplayFormat::inert(h.text, 600), m_headlines);
        item->setToolTip(DisplayFormat::toolTip(h.explanation));
    }

    QHash<QString, qint64> values;
    for (const auto& [country, bytes] : s.serverCountries) {
        if (!country.isEmpty())
            values.insert(country, bytes + 1);
    }
    m_map->setValues(values);
    m_map->setSelectedCountries(open ? m_session.filter().filter().countries : QStringList());

    const CountryTable& countries = ReferenceData::shared()->countries();
    m_companies->clear();
    for (size_t i = 0; i < s.receivers.size() && i < static_cast<size_t>(kTopCompanies); ++i) {
        const Headlines::Receiver& r = s.receivers[i];
        auto* item = new QTreeWidgetItem(m_companies,
            { DisplayFormat::inert(r.name, 120) + (r.knownCompany ? QString() : tr(" (owner unknown)")),
                partyText(r.firstParty), r.hqCountry.isEmpty() ? QStringLiteral("—") : countries.name(r.hqCountry),
                DisplayFormat::bytes(r.bytesSent) });
        item->setData(0, Qt::UserRole, r.entityId);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(0,
            DisplayFormat::toolTip(tr("%n host(s), %1 requests%2", nullptr, r.hosts)
                                       .arg(r.requests)
                                       .arg(r.tracker ? tr("; on a tracker or ad list") : QString())));
    }

    m_categories->clear();
    for (const Headlines::CategoryShare& c : s.categories) {
        auto* item = new QTreeWidgetItem(m_categories,
            { Categories::displayName(c.category), QString::number(c.receivers.size()),
                Confidence::name(c.maxConfidence) });
        item->setData(0, Qt::UserRole, c.category);
        item->setToolTip(0, DisplayFormat::toolTip(Categories::description(c.category)));
        item->setToolTip(1, DisplayFormat::toolTip(c.receivers.join(QStringLiteral(", "))));
    }
}

void OverviewPage::openHeadline(int row)
{
    if (row < 0 || row >= static_cast<int>(m_summary.headlines.size()))
        return;
    const Headlines::Headline& h = m_summary.headlines[static_cast<size_t>(row)];
    if (!h.categories.isEmpty() && m_session.filter().filter().categories != h.categories)
        m_session.filter().setCategories(h.categories);
    Q_EMIT evidenceRequested(h.evidence);
}

void OverviewPage::openCompany(QTreeWidgetItem* item)
{
    const QString entity = item ? item->data(0, Qt::UserRole).toString() : QString();
    if (!entity.isEmpty() && m_session.filter().filter().companies != QStringList { entity })
        m_session.filter().setCompanies({ entity });
    Q_EMIT evidenceRequested(Headlines::Evidence::Destinations);
}

void OverviewPage::openCategory(QTreeWidgetItem* item)
{
    const QString category = item ? item->data(0, Qt::UserRole).toString() : QString();
    if (!category.isEmpty() && m_session.filter().filter().categories != QStringList { category })
        m_session.filter().setCategories({ category });
    Q_EMIT evidenceRequested(Headlines::Evidence::Data);
}
