// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/markerstore.h"
#include "uploads/uploadstore.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;
class QUndoStack;
class ReloadWhenShown;
class Session;
class TimelineView;
class UploadsModel;

/// "Uploads & timeline" for one capture: the timeline (uploads against the investigator's markers, editable
/// with undo), the upload sessions and the selected session's chunks, fingerprint and match. Brushing a time
/// range on the timeline filters every page.
class UploadsPage : public QWidget
{
    Q_OBJECT
public:
    explicit UploadsPage(Session& session, QWidget* parent = nullptr);
    ~UploadsPage() override;

    TimelineView* view() const
    {
        return m_view;
    }
    UploadsModel* model() const
    {
        return m_model;
    }
    QTableView* table() const
    {
        return m_table;
    }
    QUndoStack* undoStack() const
    {
        return m_undo;
    }
    QPlainTextEdit* details() const
    {
        return m_details;
    }
    qint64 currentCapture() const;
    void setCurrentCapture(qint64 captureId);
    const std::vector<Data::Marker>& markers() const
    {
        return m_markers;
    }
    bool isLoading() const;

    /// The edits the timeline asks for (public so tests can drive them without dialogs).
    void addMarker(Data::Timestamp captureTime, const QString& label, const QString& note = {});
    void moveMarker(qint64 markerId, Data::Timestamp captureTime);
    void deleteMarker(qint64 markerId);
    void showSession(qint64 sessionId);

Q_SIGNALS:
    void loaded();

private:
    struct Loaded
    {
        QJsonObject timeline;
        std::vector<Data::UploadSession> sessions;
        std::vector<Data::Marker> markers;
        qint64 clockOffsetUs = 0;
    };
    void reloadCaptures();
    void reload();
    void editMarker(qint64 markerId);
    void addMarkerAt(Data::Timestamp captureTime);
    void alignClocks();
    void addMedia();
    void brushed(Data::Timestamp from, Data::Timestamp to);
    void followFilter();
    std::optional<Data::Marker> markerById(qint64 id) const;

    Session& m_session;
    QComboBox* m_capture;
    TimelineView* m_view;
    QLabel* m_legend;
    UploadsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QPlainTextEdit* m_details;
    QUndoStack* m_undo;
    std::vector<Data::Marker> m_markers;
    qint64 m_clockOffsetUs = 0;
    quint64 m_job = 0;
    ReloadWhenShown* m_lazyReload = nullptr;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    QFutureWatcher<Loaded> m_watcher;
};
