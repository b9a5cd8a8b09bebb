// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadspage.h"

#include "commands/markercommand.h"
#include "common/timeutil.h"
#include "dialogs/clockdialog.h"
#include "dialogs/markerdialog.h"
#include "models/displayformat.h"
#include "models/filterstate.h"
#include "models/uploadsmodel.h"
#include "pipeline/analysis.h"
#include "reloadwhenshown.h"
#include "session.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "tasks/workerpools.h"
#include "uploads/referencemedia.h"
#include "uploads/timelinedata.h"
#include "widgets/timelineview.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent>

UploadsPage::UploadsPage(Session& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_capture(new QComboBox(this))
    , m_view(new TimelineView(this))
    , m_legend(new QLabel(this))
    , m_model(new UploadsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_undo(new QUndoStack(this))
{
    m_capture->setAccessibleName(tr("Capture"));
    m_capture->setMinimumContentsLength(28);
    auto* addMarker = new QPushButton(tr("Add &Marker…"), this);
    addMarker->setToolTip(
        tr("Record a user action (tapped Post, discarded …) at a time; or double-click the timeline"));
    auto* clock = new QPushButton(tr("Align &Clocks…"), this);
    clock->setToolTip(
        tr("The offset between your clock (markers) and the capture's, typed in or found from a sync beacon"));
    auto* media = new QPushButton(tr("Add the Media You &Used…"), this);
    media->setToolTip(tr("The original video or photo: uploads are matched against it (exact, structural, none)"));
    auto* reset = new QPushButton(tr("Show &Everything"), this);
    auto* undo = new QToolButton(this);
    undo->setDefaultAction(m_undo->createUndoAction(this, tr("&Undo")));
    undo->defaultAction()->setShortcut(QKeySequence::Undo);
    undo->defaultAction()->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* redo = new QToolButton(this);
    redo->setDefaultAction(m_undo->createRedoAction(this, tr("&Redo")));
    redo->defaultAction()->setShortcut(QKeySequence::Redo);
    redo->defaultAction()->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo->defaultAction());
    addAction(redo->defaultAction());
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Capture:"), this));
    bar->addWidget(m_capture, 1);
    bar->addWidget(addMarker);
    bar->addWidget(undo);
    bar->addWidget(redo);
    bar->addWidget(clock);
    bar->addWidget(media);
    bar->addWidget(reset);

    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::PlainText);
    m_legend->setText(
        tr("Bars: upload sessions, height by bytes; orange = started before Post, blue = after Post, grey = no "
           "markers. Hatched: bytes on encrypted connections (circumstantial: the content could not be read). "
           "Lines: your markers (red: Post / Discard). Drag across the timeline to filter every page to that time."));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UploadsModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UploadsModel::StartColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(UploadsModel::MediaColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Upload sessions"));
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Upload session details"));
    m_details->setPlaceholderText(tr("Select an upload (a bar or a row) to see its chunks, fingerprint and match."));

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_table);
    lower->addWidget(m_details);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_legend);
    layout->addWidget(splitter, 1);

    connect(m_capture, &QComboBox::currentIndexChanged, this, [this] {
        m_undo->clear(); // edits of another capture's markers are not undone from here
        reload();
    });
    connect(addMarker, &QPushButton::clicked, this, [this] {
        const auto& s = m_view->scene();
        addMarkerAt(s.to > s.from ? (m_view->layout().viewFrom() + m_view->layout().viewTo()) / 2 : TimeUtil::now());
    });
    connect(clock, &QPushButton::clicked, this, &UploadsPage::alignClocks);
    connect(media, &QPushButton::clicked, this, &UploadsPage::addMedia);
    connect(reset, &QPushButton::clicked, m_view, &TimelineView::resetZoom);
    connect(m_view, &TimelineView::sessionSelected, this, &UploadsPage::showSession);
    connect(m_view, &TimelineView::markerMoved, this, &UploadsPage::moveMarker);
    connect(m_view, &TimelineView::markerAddRequested, this, &UploadsPage::addMarkerAt);
    connect(m_view, &TimelineView::markerEditRequested, this, &UploadsPage::editMarker);
    connect(m_view, &TimelineView::markerDeleteRequested, this, &UploadsPage::deleteMarker);
    connect(m_view, &TimelineView::rangeBrushed, this, &UploadsPage::brushed);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            const qint64 id = current.isValid() ? current.data(UploadsModel::SessionIdRole).toLongLong() : 0;
            if (id != m_view->selectedSession())
                showSession(id);
        });
    connect(&m_session, &Session::opened, this, [this] {
        m_undo->clear();
        reloadCaptures();
    });
    connect(&m_session, &Session::dataChanged, this, &UploadsPage::reloadCaptures);
    connect(&m_session, &Session::closed, this, [this] {
        ++m_job;
        m_undo->clear();
        m_capture->clear();
        m_model->setData({});
        m_view->setScene({});
        m_details->clear();
    });
    auto* lazy = new ReloadWhenShown(this, [this] { followFilter(); });
    m_lazyReload = lazy;
    connect(&m_session.filter(), &FilterState::filterChanged, this, [lazy] { lazy->request(); });
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        if (m_watcher.property("job").toULongLong() == m_job)
            m_shownJob = m_job;
        if (m_watcher.property("job").toULongLong() != m_job || !m_session.isOpen()
            || m_watcher.future().resultCount() == 0)
            return; // a newer load replaced this one
        const Loaded r = m_watcher.result();
        const qint64 selected = m_view->selectedSession();
        m_markers = r.markers;
        m_clockOffsetUs = r.clockOffsetUs;
        m_view->setScene(TimelineScene::fromJson(r.timeline));
        m_model->setData(r.sessions);
        followFilter();
        if (selected && m_model->rowOf(selected) >= 0)
            showSession(selected);
        else
            showSession(0);
        Q_EMIT loaded();
    });
}

UploadsPage::~UploadsPage()
{
    m_watcher.waitForFinished();
}

bool UploadsPage::isLoading() const
{
    return m_session.isOpen() && (m_shownJob != m_job || m_lazyReload->isPending());
}

qint64 UploadsPage::currentCapture() const
{
    return m_capture->currentData().toLongLong();
}

void UploadsPage::setCurrentCapture(qint64 captureId)
{
    const int index = m_capture->findData(captureId);
    if (index >= 0)
        m_capture->setCurrentIndex(index);
}

void UploadsPage::reloadCaptures()
{
    if (!m_session.isOpen())
        return;
    const qint64 current = currentCapture();
    QSignalBlocker block(m_capture);
    m_capture->clear();
    qint64 firstWithUploads = 0, firstWithMarkers = 0;
    try {
        const auto sessions = UploadStore::sessions(m_session.reader().db());
        for (const auto& c : m_session.reader().captures()) {
            qint64 uploads = 0;
            for (const auto& s : sessions)
                uploads += s.captureId == c.id;
            if (uploads && !firstWithUploads)
                firstWithUploads = c.id;
            // Start where there is something to line up: uploads and markers.
            if (uploads && !firstWithMarkers && !MarkerStore::list(m_session.reader().db(), c.id).empty())
                firstWithMarkers = c.id;
            m_capture->addItem(tr("%1: %2 (%n upload(s))", nullptr, static_cast<int>(uploads))
                                   .arg(c.id)
                                   .arg(DisplayFormat::inert(c.label.isEmpty() ? c.fileName : c.label, 80)),
                c.id);
        }
    } catch (const StoreError&) { }
    int index = m_capture->findData(current);
    if (index < 0)
        index = std::max(0, m_capture->findData(firstWithMarkers ? firstWithMarkers : firstWithUploads));
    m_capture->setCurrentIndex(index);
    reload();
}

void UploadsPage::reload()
{
    if (!m_session.isOpen())
        return;
    const quint64 job = ++m_job;
    const QString path = m_session.path();
    const qint64 capture = currentCapture();
    m_watcher.setProperty("job", job);
    // Its own read connection: SQLite connections stay on one thread.
    m_watcher.setFuture(QtConcurrent::run(WorkerPools::queries(), [path, capture]() -> Loaded {
        Loaded r;
        try {
            auto inv = Investigation::open(path, Investigation::OpenMode::ReadOnly);
            r.timeline = TimelineData::build(*inv, capture);
            Data::Filter f;
            f.captureIds = { capture };
            r.sessions = UploadStore::sessions(inv->db(), f);
            r.markers = MarkerStore::list(inv->db(), capture);
            r.clockOffsetUs = MarkerStore::clockOffset(inv->db(), capture);
        } catch (const StoreError&) { }
        return r;
    }));
}

void UploadsPage::followFilter()
{
    const Data::Filter& f = m_session.filter().filter();
    if (f.captureIds.size() == 1 && f.captureIds.first() != currentCapture()
        && m_capture->findData(f.captureIds.first()) >= 0) {
        setCurrentCapture(f.captureIds.first());
        return;
    }
    m_view->setRange(f.from, f.to);
}

void UploadsPage::brushed(Data::Timestamp from, Data::Timestamp to)
{
    Data::Filter f = m_session.filter().filter();
    f.captureIds = { currentCapture() };
    f.from = from;
    f.to = to;
    m_session.filter().setFilter(f);
}

std::optional<Data::Marker> UploadsPage::markerById(qint64 id) const
{
    for (const auto& m : m_markers) {
        if (m.id == id)
            return m;
    }
    return std::nullopt;
}

void UploadsPage::addMarker(Data::Timestamp captureTime, const QString& label, const QString& note)
{
    Data::Marker m;
    m.captureId = currentCapture();
    m.ts = MarkerStore::toMarkerTime(captureTime, m_clockOffsetUs);
    m.label = label;
    m.note = note;
    m_undo->push(new MarkerCommand(m_session, std::nullopt, m, tr("Add marker \"%1\"").arg(label)));
}

void UploadsPage::addMarkerAt(Data::Timestamp captureTime)
{
    if (!currentCapture())
        return;
    Data::Marker m;
    m.captureId = currentCapture();
    m.ts = MarkerStore::toMarkerTime(captureTime, m_clockOffsetUs);
    MarkerDialog dialog(m, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Data::Marker chosen = dialog.marker();
    addMarker(MarkerStore::toCaptureTime(chosen.ts, m_clockOffsetUs), chosen.label, chosen.note);
}

void UploadsPage::moveMarker(qint64 markerId, Data::Timestamp captureTime)
{
    const auto before = markerById(markerId);
    if (!before)
        return;
    Data::Marker after = *before;
    after.ts = MarkerStore::toMarkerTime(captureTime, m_clockOffsetUs);
    for (auto& m : m_markers) {
        if (m.id == markerId)
            m = after; // a second drag before the reload starts from here
    }
    m_undo->push(new MarkerCommand(m_session, before, after, tr("Move marker \"%1\"").arg(before->label)));
}

void UploadsPage::editMarker(qint64 markerId)
{
    const auto before = markerById(markerId);
    if (!before)
        return;
    MarkerDialog dialog(*before, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Data::Marker after = dialog.marker();
    if (after == *before)
        return;
    m_undo->push(new MarkerCommand(m_session, before, after, tr("Edit marker \"%1\"").arg(before->label)));
}

void UploadsPage::deleteMarker(qint64 markerId)
{
    const auto before = markerById(markerId);
    if (!before)
        return;
    m_undo->push(new MarkerCommand(m_session, before, std::nullopt, tr("Delete marker \"%1\"").arg(before->label)));
}

void UploadsPage::alignClocks()
{
    const qint64 capture = currentCapture();
    if (!capture)
        return;
    ClockDialog dialog(m_session.reader().db(), capture, m_clockOffsetUs, this);
    if (dialog.exec() != QDialog::Accepted || dialog.offsetUs() == m_clockOffsetUs)
        return;
    const qint64 offset = dialog.offsetUs();
    m_session.tasks().enqueue(
        tr("Aligning clocks"),
        [capture, offset](Investigation& writer, const ProgressCallback& progress) {
            MarkerStore::setClockOffset(writer.db(), capture, offset);
            const Analysis::Outcome a = Analysis::run(writer, { QStringLiteral("uploads-markers") }, progress);
            return TaskResult { a.ok, a.cancelled, a.ok ? QString() : a.error, {} };
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}

void UploadsPage::addMedia()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add the Media You Used"), QString(),
        tr("Photos and videos (*.mp4 *.mov *.m4v *.3gp *.jpg *.jpeg *.png *.heic *.heif *.webp *.gif);;All files (*)"));
    if (files.isEmpty())
        return;
    m_session.tasks().enqueue(
        tr("Fingerprinting the reference media"),
        [files](Investigation& writer, const ProgressCallback& progress) {
            TaskResult result;
            for (const QString& path : files) {
                QString why;
                const auto media = ReferenceMediaStore::describeFile(path, &why);
                if (!media) {
                    result.details.append(why);
                    continue;
                }
                ReferenceMediaStore::add(writer.db(), *media);
            }
            const Analysis::Outcome a = Analysis::run(writer, { QStringLiteral("uploads-markers") }, progress);
            result.ok = a.ok && result.details.isEmpty();
            result.cancelled = a.cancelled;
            result.message = a.ok
                ? QObject::tr("Uploads matched against %n file(s)", nullptr, static_cast<int>(files.size()))
                : a.error;
            return result;
        },
        [this](const TaskResult&) { m_session.notifyDataChanged(); });
}

void UploadsPage::showSession(qint64 sessionId)
{
    m_view->selectSession(sessionId);
    const int row = m_model->rowOf(sessionId);
    if (row >= 0) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        if (m_table->currentIndex().row() != index.row())
            m_table->selectRow(index.row());
    } else {
        m_table->clearSelection();
    }
    const Data::UploadSession* s = m_model->session(row);
    if (!s || !m_session.isOpen()) {
        m_details->clear();
        return;
    }
    QString t;
    t += tr("Upload %1 to %2 (%3)\n").arg(s->id).arg(DisplayFormat::inert(s->host), s->protocol);
    t += tr("URL: %1\n").arg(DisplayFormat::inert(s->url, 300));
    if (!s->uploadId.isEmpty())
        t += tr("Upload id: %1\n").arg(DisplayFormat::inert(s->uploadId, 200));
    t += tr("Bytes: %1 of %2 (%3% covered)%4\n")
             .arg(DisplayFormat::bytes(s->bytes), DisplayFormat::bytes(s->total))
             .arg(qRound(s->coverage * 100))
             .arg(s->bytesSent > s->bytes ? tr("; %1 sent counting retries").arg(DisplayFormat::bytes(s->bytesSent))
                                          : QString());
    t += tr("Time: %1 – %2\n").arg(DisplayFormat::time(s->started), DisplayFormat::time(s->finished));
    t += tr("SHA-256: %1\n").arg(s->sha256.isEmpty() ? tr("none (not every byte is in the capture)") : s->sha256);
    t += tr("\nWhat it is: %1\n").arg(DisplayFormat::inert(s->fingerprint.describe(), 400));
    for (const QString& n : s->fingerprint.notes)
        t += QStringLiteral("  • %1\n").arg(DisplayFormat::inert(n, 300));
    t += tr("Reference media: %1\n")
             .arg(s->mediaMatch.isEmpty()
                     ? tr("none registered (Add the Media You Used…)")
                     : s->mediaMatch + (s->referenceMedia.isEmpty() ? QString() : tr(" (%1)").arg(s->referenceMedia))
                         + (s->matchReason.isEmpty() ? QString() : QStringLiteral(": ") + s->matchReason));
    t += tr("\nAgainst the markers: %1").arg(s->classified ? s->classification : tr("not classified"));
    if (!s->beforeMarker.isEmpty() || !s->afterMarker.isEmpty())
        t += tr(", between %1 and %2")
                 .arg(s->beforeMarker.isEmpty() ? tr("the start") : s->beforeMarker,
                     s->afterMarker.isEmpty() ? tr("the end") : s->afterMarker);
    t += u'\n';
    if (s->postTs)
        t += tr("Started %1 s %2 tapped_post; %3 of its bytes left before Post%4\n")
                 .arg(std::abs(double(s->postDeltaUs)) / 1e6, 0, 'f', 2)
                 .arg(s->postDeltaUs >= 0 ? tr("before") : tr("after"))
                 .arg(DisplayFormat::bytes(s->bytesBeforePost))
                 .arg(s->fullyBeforePost ? tr(" (all of it)") : QString());
    t += tr("Publish call: %1\n")
             .arg(s->publishFlowId ? tr("flow %1 at %2, %3%4")
                                         .arg(s->publishFlowId)
                                         .arg(DisplayFormat::time(s->publishTs), s->publishEvidence,
                                             s->publishHasCaption ? tr(", carrying the canary caption") : QString())
                                   : tr("none seen"));
    t += tr("Cancel/delete call: %1\n")
             .arg(s->cancelFlowId ? tr("flow %1 at %2").arg(s->cancelFlowId).arg(DisplayFormat::time(s->cancelTs))
                                  : tr("none seen"));
    for (const QString& n : s->notes + s->classificationNotes)
        t += QStringLiteral("  • %1\n").arg(n);
    t += tr("\nChunks (in offset order):\n");
    for (const auto& c : UploadStore::chunks(m_session.reader().db(), s->id))
        t += tr("  #%1 flow %2  bytes %3–%4  HTTP %5  %6%7%8\n")
                 .arg(c.seq)
                 .arg(c.flowId)
                 .arg(c.offset)
                 .arg(c.offset + c.length - 1)
                 .arg(c.status)
                 .arg(DisplayFormat::time(c.tsStart))
                 .arg(c.retry ? tr("  (retry, not counted)") : QString())
                 .arg(c.kept ? QString() : tr("  (bytes not in the capture)"));
    m_details->setPlainText(t);
}
