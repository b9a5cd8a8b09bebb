// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "comparepage.h"

#include "models/displayformat.h"
#include "report/jsonwriter.h"
#include "session.h"
#include "store/investigation.h"
#include "store/markerstore.h"
#include "tasks/workerpools.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

QTableWidget* table(QWidget* parent, const QStringList& headers, const QString& name)
{
    auto* t = new QTableWidget(parent);
    t->setColumnCount(static_cast<int>(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->setSortingEnabled(false);
    t->setAccessibleName(name);
    return t;
}

void fill(QTableWidget* t, const std::vector<QStringList>& rows)
{
    t->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        for (int c = 0; c < rows[r].size() && c < t->columnCount(); ++c)
            t->setItem(r, c, new QTableWidgetItem(rows[r][c]));
    }
    t->resizeColumnsToContents();
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

QString yes(bool b)
{
    return b ? QObject::tr("yes") : QStringLiteral("—");
}

} // namespace

ComparePage::ComparePage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_a(new QComboBox(this))
    , m_b(new QComboBox(this))
    , m_summary(new QPlainTextEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_uploads(table(this,
          { tr("Upload destination"), tr("Media"), tr("Bytes in A"), tr("Bytes in B"), tr("Before Post A"),
              tr("Before Post B"), tr("A vs B"), tr("Reference A"), tr("Reference B"), tr("Publish A"), tr("Publish B"),
              tr("Cancel A"), tr("Cancel B") },
          tr("Uploads compared")))
    , m_media(table(this, { tr("Media"), tr("Upload in A"), tr("Upload in B"), tr("Match"), tr("Why") },
          tr("Media in both runs")))
    , m_destinations(table(this,
          { tr("Host"), tr("Company"), tr("Registrable domain"), tr("In A"), tr("In B"), tr("Sent in A"),
              tr("Sent in B") },
          tr("Destinations compared")))
    , m_categories(
          table(this, { tr("Data category"), tr("In A"), tr("In B"), tr("Findings in A"), tr("Findings in B") },
              tr("Data categories compared")))
{
    m_a->setAccessibleName(tr("Capture A"));
    m_b->setAccessibleName(tr("Capture B"));
    m_a->setMinimumContentsLength(24);
    m_b->setMinimumContentsLength(24);
    auto* save = new QPushButton(tr("&Save as JSON…"), this);
    save->setToolTip(tr("The comparison as JSON (leakscope-compare/1), as `leakscope compare` writes it"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("A:"), this));
    bar->addWidget(m_a, 1);
    bar->addWidget(new QLabel(tr("B:"), this));
    bar->addWidget(m_b, 1);
    bar->addWidget(save);
    m_summary->setReadOnly(true);
    m_summary->setAccessibleName(tr("Comparison summary"));
    m_summary->setPlaceholderText(
        tr("Choose two captures: for example the run where you discarded the draft and the run where "
           "you posted it, with the same media and the same steps."));
    m_tabs->addTab(m_uploads, tr("Uploads"));
    m_tabs->addTab(m_media, tr("Media in both"));
    m_tabs->addTab(m_destinations, tr("Destinations"));
    m_tabs->addTab(m_categories, tr("Data categories"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_summary);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_a, &QComboBox::currentIndexChanged, this, &ComparePage::compare);
    connect(m_b, &QComboBox::currentIndexChanged, this, &ComparePage::compare);
    connect(save, &QPushButton::clicked, this, &ComparePage::saveJson);
    connect(&m_session, &Session::opened, this, &ComparePage::reloadCaptures);
    connect(&m_session, &Session::dataChanged, this, &ComparePage::reloadCaptures);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_a->clear();
        m_b->clear();
        show({});
    });
    connect(&m_watcher, &QFutureWatcher<std::optional<Data::Comparison>>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || m_watcher.future().resultCount() == 0)
            return;
        const auto c = m_watcher.result();
        show(c ? *c : Data::Comparison {});
        if (!c)
            m_summary->setPlainText(tr("The comparison could not be made."));
        Q_EMIT compared();
    });
}

ComparePage::~ComparePage()
{
    m_watcher.waitForFinished();
}

bool ComparePage::isLoading() const
{
    return m_session.isOpen() && m_shownJob != m_job;
}

void ComparePage::setCaptures(qint64 a, qint64 b)
{
    QSignalBlocker blockA(m_a), blockB(m_b);
    m_a->setCurrentIndex(m_a->findData(a));
    m_b->setCurrentIndex(m_b->findData(b));
    compare();
}

void ComparePage::reloadCaptures()
{
    if (!m_session.isOpen())
        return;
    const qint64 a = m_a->currentData().toLongLong(), b = m_b->currentData().toLongLong();
    QSignalBlocker blockA(m_a), blockB(m_b);
    m_a->clear();
    m_b->clear();
    qint64 discarded = 0, posted = 0;
    for (const auto& c : m_session.reader().captures()) {
        const QString text =
            tr("%1: %2").arg(c.id).arg(DisplayFormat::inert(c.label.isEmpty() ? c.fileName : c.label, 80));
        m_a->addItem(text, c.id);
        m_b->addItem(text, c.id);
        // Start on a discarded and a posted run when the markers say which is which.
        for (const auto& m : MarkerStore::list(m_session.reader().db(), c.id)) {
            if (m.label == u"discarded" && !discarded)
                discarded = c.id;
            if (m.label == u"tapped_post" && !posted)
                posted = c.id;
        }
    }
    const qint64 wantA = a ? a : (discarded ? discarded : m_a->itemData(0).toLongLong());
    const qint64 wantB = b ? b : (posted ? posted : m_b->itemData(std::min(1, m_b->count() - 1)).toLongLong());
    m_a->setCurrentIndex(std::max(0, m_a->findData(wantA)));
    m_b->setCurrentIndex(std::max(0, m_b->findData(wantB)));
    compare();
}

void ComparePage::compare()
{
    if (!m_session.isOpen())
        return;
    const qint64 a = m_a->currentData().toLongLong(), b = m_b->currentData().toLongLong();
    const quint64 job = ++m_job;
    if (!a || !b || a == b) {
        m_shownJob = job; // nothing to compute
        show({});
        m_summary->setPlainText(
            a && a == b ? tr("A and B are the same capture: choose two different runs.") : QString());
        return;
    }
    const QString path = m_session.path();
    m_watcher.setProperty("job", job);
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(), [path, a, b]() -> std::optional<Data::Comparison> {
        try {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
            return Compare::build(*inv, a, b);
        } catch (const StoreError&) {
            return std::nullopt;
        }
    }));
}

void ComparePage::show(const Data::Comparison& c)
{
    m_comparison = c;
    QString text;
    if (c.a.captureId) {
        text = tr("A: %1 (%2)\nB: %3 (%4)\n\n")
                   .arg(DisplayFormat::inert(c.a.label.isEmpty() ? c.a.fileName : c.a.label),
                       c.a.condition.isEmpty() ? tr("no Post or Discard marker") : c.a.condition,
                       DisplayFormat::inert(c.b.label.isEmpty() ? c.b.fileName : c.b.label),
                       c.b.condition.isEmpty() ? tr("no Post or Discard marker") : c.b.condition);
        for (const QString& s : c.summary)
            text += QStringLiteral("• ") + DisplayFormat::inert(s, 2000) + u'\n';
    }
    m_summary->setPlainText(text);
    std::vector<QStringList> rows;
    for (const auto& u : c.uploads)
        rows.push_back({ DisplayFormat::inert(u.host), u.mediaClass, DisplayFormat::bytes(u.bytesA),
            DisplayFormat::bytes(u.bytesB), DisplayFormat::bytes(u.bytesBeforePostA),
            DisplayFormat::bytes(u.bytesBeforePostB), u.mediaMatch.isEmpty() ? tr("one run only") : u.mediaMatch,
            u.referenceMatchA, u.referenceMatchB,
            u.publishFlowA ? tr("flow %1").arg(u.publishFlowA) : QStringLiteral("—"),
            u.publishFlowB ? tr("flow %1").arg(u.publishFlowB) : QStringLiteral("—"),
            u.cancelFlowA ? tr("flow %1").arg(u.cancelFlowA) : QStringLiteral("—"),
            u.cancelFlowB ? tr("flow %1").arg(u.cancelFlowB) : QStringLiteral("—") });
    fill(m_uploads, rows);
    rows.clear();
    for (const auto& m : c.media)
        rows.push_back({ DisplayFormat::inert(m.description),
            tr("upload %1 to %2").arg(m.sessionA).arg(DisplayFormat::inert(m.hostA)),
            tr("upload %1 to %2").arg(m.sessionB).arg(DisplayFormat::inert(m.hostB)), m.match, m.reason });
    fill(m_media, rows);
    rows.clear();
    for (const auto& d : c.destinations)
        rows.push_back(
            { DisplayFormat::inert(d.host), d.entity.isEmpty() ? tr("unknown") : DisplayFormat::inert(d.entity),
                DisplayFormat::inert(d.registrableDomain), yes(d.inA), yes(d.inB), DisplayFormat::bytes(d.bytesSentA),
                DisplayFormat::bytes(d.bytesSentB) });
    fill(m_destinations, rows);
    rows.clear();
    for (const auto& k : c.categories)
        rows.push_back(
            { k.category, yes(k.inA), yes(k.inB), QString::number(k.findingsA), QString::number(k.findingsB) });
    fill(m_categories, rows);
}

void ComparePage::saveJson()
{
    if (!m_comparison.a.captureId)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the Comparison"), QStringLiteral("compare.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        JsonWriter w(file);
        Compare::write(m_comparison, w);
        ok = w.flush();
    }
    ok = ok && file.commit();
    if (!ok)
        QMessageBox::warning(
            this, tr("Save the Comparison"), tr("%1 could not be written: %2").arg(path, file.errorString()));
}
