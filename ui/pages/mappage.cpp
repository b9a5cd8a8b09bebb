// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappage.h"

#include "enrich/flowfacets.h"
#include "enrich/referencedata.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "reloadwhenshown.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/workerpools.h"
#include "widgets/appselector.h"
#include "widgets/worldmappainter.h"
#include "widgets/worldmapwidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <map>
#include <utility>

MapPage::MapPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_map(new WorldMapWidget(this))
    , m_app(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_caveat(new QLabel(this))
{
    m_app->setAccessibleName(tr("App"));
    m_app->setMinimumContentsLength(18);
    m_mode->addItems({ tr("Server location (GeoIP)"), tr("Company headquarters"), tr("Company legal domicile") });
    m_mode->setAccessibleName(tr("Show"));
    m_mode->setToolTip(tr("Server location: where the addresses that received the data are registered.\nCompany: the "
                          "jurisdiction of the company behind each domain (from the entity list)."));
    m_summary->setWordWrap(true);
    m_caveat->setWordWrap(true);
    m_caveat->setText(
        tr("Server countries come from GeoIP: where an address block is registered. Anycast and CDN "
           "networks (Cloudflare, Akamai, Google, Amazon CloudFront …) answer from servers near the device, "
           "so their country says little about where the data is processed. Click a country to filter "
           "every page to it."));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("App:"), this));
    top->addWidget(m_app);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Show:"), this));
    top->addWidget(m_mode);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_map, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_caveat);

    const WorldMapPainter::World& world = WorldMapPainter::shippedWorld();
    m_map->setShapes(world.shapes, world.alpha2);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &MapPage::present);
    connect(m_app, &QComboBox::activated, this, [this](int index) {
        const qint64 id = m_app->itemData(index).toLongLong();
        m_session.filter().setApps(id ? QList<qint64> { id } : QList<qint64> {});
    });
    connect(m_map, &WorldMapWidget::countryClicked, this, &MapPage::onCountryClicked);
    auto* lazy = new ReloadWhenShown(this, [this] { reload(); });
    m_lazyReload = lazy;
    connect(&m_session.filter(), &FilterState::filterChanged, this, [lazy] { lazy->request(); });
    connect(&m_session, &Session::opened, this, [this] {
        const QString lat = m_session.reader().property(QStringLiteral("device_lat"));
        const QString lon = m_session.reader().property(QStringLiteral("device_lon"));
        bool okLat = false, okLon = false;
        const double la = lat.toDouble(&okLat), lo = lon.toDouble(&okLon);
        m_map->setDeviceLocation(okLat && okLon && std::abs(la) <= 90 && std::abs(lo) <= 180
                ? std::optional<QPointF>(QPointF(lo, la))
                : std::nullopt);
        reload();
    });
    connect(&m_session, &Session::dataChanged, this, &MapPage::reload);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_result = std::make_shared<const Result>();
        m_map->setDeviceLocation(std::nullopt);
        present();
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const Result>>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || !m_session.isOpen()
            || m_watcher.future().resultCount() == 0)
            return;
        // Shared with the future and the cache, not copied (32 000 destination rows on a million flows).
        std::shared_ptr<const Result> result = m_watcher.result();
        if (result) // about a kilobyte per destination row
            m_session.results().insert("map", m_query, result, static_cast<qint64>(result->rows.size()) << 10);
        showResult(std::move(result));
    });
}

void MapPage::showResult(std::shared_ptr<const Result> result)
{
    // The answer replaced goes on a worker thread: tens of thousands of rows are many small blocks to free.
    Session::releaseInBackground(
        std::exchange(m_result, result ? std::move(result) : std::make_shared<const Result>()));
    refreshApps();
    present();
    Q_EMIT loaded();
}

MapPage::~MapPage()
{
    m_watcher.waitForFinished();
}

bool MapPage::isLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

void MapPage::setMode(Mode mode)
{
    m_mode->setCurrentIndex(static_cast<int>(mode));
}

MapPage::Mode MapPage::mode() const
{
    return static_cast<Mode>(m_mode->currentIndex());
}

void MapPage::refreshApps()
{
    AppSelector::fill(m_app, m_session);
}

void MapPage::reload()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const Data::Filter filter = m_session.filter().filter();
    m_query = m_session.results().key(filter);
    if (auto kept = m_session.results().find<Result>("map", filter)) {
        m_shownJob = job;
        showResult(std::move(kept));
        return;
    }
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(
        WorkerPools::queries(), [path, filter, facets = m_session.facets()]() -> std::shared_ptr<const Result> {
            auto r = std::make_shared<Result>();
            try {
                auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
                DestinationQuery::Snapshot traffic =
                    DestinationQuery::loadWithCountries(inv->db(), filter, facets.get());
                r->rows = std::move(traffic.destinations);
                r->countries = std::move(traffic.countries);
            } catch (const StoreError&) {
                return nullptr; // shown as empty, not kept
            }
            return r;
        }));
}

void MapPage::present()
{
    const Mode m = mode();
    m_values.clear();
    std::map<QString, std::vector<const Data::DestinationRow*>> perCountry;
    for (const Data::DestinationRow& r : m_result->rows) {
        if (m == ServerLocation) {
            for (const QString& c : r.countries)
                perCountry[c].push_back(&r);
        } else {
            const QString c = m == Headquarters ? r.destination->hqCountry : r.destination->legalDomicile;
            if (!c.isEmpty()) {
                perCountry[c].push_back(&r);
                m_values[c] += r.bytesSent + 1;
            }
        }
    }
    if (m == ServerLocation) {
        for (const auto& [country, traffic] : m_result->countries) {
            if (!country.isEmpty())
                m_values[country] = traffic.bytesSent + traffic.requests + 1;
        }
    }
    const CountryTable& countries = ReferenceData::shared()->countries();
    QHash<QString, QString> descriptions;
    for (auto& [country, rows] : perCountry) {
        std::stable_sort(
            rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->bytesSent > b->bytesSent; });
        QStringList lines;
        for (size_t i = 0; i < rows.size() && i < 8; ++i) {
            const Data::DestinationRow* r = rows[i];
            lines.append(
                QStringLiteral("%1 — %2, %3 sent%4")
                    .arg(DisplayFormat::inert(r->destination->host, 80),
                        r->destination->entityName.isEmpty() ? tr("unknown company") : r->destination->entityName,
                        DisplayFormat::bytes(r->bytesSent), r->destination->cdn.isEmpty() ? QString() : tr(" (CDN)")));
        }
        if (rows.size() > 8)
            lines.append(tr("… and %n more", nullptr, static_cast<int>(rows.size() - 8)));
        descriptions.insert(country, lines.join(u'\n'));
    }
    m_map->setValues(m_values);
    m_map->setDescriptions(descriptions);
    const Data::Filter& f = m_session.filter().filter();
    m_map->setSelectedCountries(f.countries);
    std::vector<std::pair<QString, qint64>> sorted;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        sorted.emplace_back(it.key(), it.value());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList top;
    for (size_t i = 0; i < sorted.size() && i < 6; ++i)
        top.append(
            QStringLiteral("%1 %2").arg(countries.name(sorted[i].first), DisplayFormat::bytes(sorted[i].second)));
    const qint64 unknown =
        m == ServerLocation && m_result->countries.count(QString()) ? m_result->countries.at(QString()).bytesSent : 0;
    QString summary = m_values.isEmpty()
        ? tr("No country is known for this selection.")
        : tr("%n country(ies): %1", nullptr, static_cast<int>(m_values.size())).arg(top.join(QStringLiteral(" · ")));
    if (unknown > 0)
        summary += tr("  (%1 sent to servers of unknown country)").arg(DisplayFormat::bytes(unknown));
    m_summary->setText(summary);
    m_caveat->setVisible(m == ServerLocation);
}

void MapPage::onCountryClicked(const QString& alpha2)
{
    FilterState& filter = m_session.filter();
    if (mode() == ServerLocation) {
        const bool same = filter.filter().countries == QStringList { alpha2 };
        filter.setCountries(alpha2.isEmpty() || same ? QStringList() : QStringList { alpha2 });
        return;
    }
    // Jurisdiction: the companies of that country, as the company filter.
    QStringList companies;
    for (const Data::DestinationRow& r : m_result->rows) {
        const QString c = mode() == Headquarters ? r.destination->hqCountry : r.destination->legalDomicile;
        if (!alpha2.isEmpty() && c == alpha2 && !r.destination->entityId.isEmpty()
            && !companies.contains(r.destination->entityId))
            companies.append(r.destination->entityId);
    }
    filter.setCompanies(companies);
}
