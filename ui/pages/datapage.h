// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/evidence.h"
#include "detect/findingstore.h"
#include "store/knownidentifiers.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class CategoryMatrixChart;
class CategoryMatrixModel;
class EvidenceView;
class FindingsModel;
class KnownIdentifiersDialog;
class QComboBox;
class QLabel;
class QTableView;
class ReloadWhenShown;
class Session;

/// "What data goes": the categories × companies matrix, the findings (filtered by category, company or
/// domain, confidence, and the shared filter), the evidence of the selected finding, and the editor of the
/// investigator's known identifiers. Queries run off the UI thread; stale results are dropped (STYLE.md 4, 5).
class DataPage : public QWidget
{
    Q_OBJECT
public:
    explicit DataPage(Session& session, QWidget* parent = nullptr);
    ~DataPage() override;

    FindingsModel* model() const
    {
        return m_model;
    }
    CategoryMatrixModel* matrix() const
    {
        return m_matrix;
    }
    CategoryMatrixChart* chart() const
    {
        return m_chart;
    }
    QTableView* view() const
    {
        return m_view;
    }
    EvidenceView* evidence() const
    {
        return m_evidence;
    }
    /// True while findings or evidence are loading (tests wait for it).
    bool isLoading() const;
    /// What the page narrows the list to on top of the shared filter (its combo boxes).
    const FindingStore::Narrowing& narrowing() const
    {
        return m_narrowing;
    }
    /// Narrows the list (the combo boxes do the same).
    void setCategory(const QString& category);
    void setParty(const QString& party);
    void setMinConfidence(int level);
    /// Selects a finding and shows its evidence.
    void showFinding(qint64 findingId);
    /// Opens the known-identifier editor (window-modal, not blocking); returns it.
    KnownIdentifiersDialog* editIdentifiers();

Q_SIGNALS:
    void loaded(int findings);
    void evidenceShown(qint64 findingId);

private:
    struct Loaded
    {
        std::vector<qint64> ids;
        std::vector<Data::MatrixCell> cells;
        bool withMatrix = false;
    };
    /// The list and the matrix (after a filter change); the list alone (after narrowing or sorting).
    void reload();
    void reloadList();
    void query(bool withMatrix);
    bool isListLoading() const;
    void onSelectionChanged();
    void applyIdentifiers(const std::vector<Data::KnownIdentifier>& identifiers);
    void updateCombos();
    void updateApps();

    Session& m_session;
    FindingsModel* m_model;
    CategoryMatrixModel* m_matrix;
    CategoryMatrixChart* m_chart;
    QTableView* m_view;
    EvidenceView* m_evidence;
    QComboBox* m_app;
    QComboBox* m_category;
    QComboBox* m_party;
    QComboBox* m_confidence;
    QLabel* m_count;
    QPointer<KnownIdentifiersDialog> m_editor;
    quint64 m_job = 0;
    ReloadWhenShown* m_lazyReload = nullptr;
    quint64 m_shownJob = 0; ///< the last job whose result was handled: isLoading() until it is m_job
    quint64 m_evidenceJob = 0;
    QFutureWatcher<Loaded> m_watcher;
    QFutureWatcher<Evidence::Explanation> m_evidenceWatcher;
    qint64 m_pendingSelection = 0;
    FindingStore::Narrowing m_narrowing;
    FindingStore::SortKey m_sortKey = FindingStore::SortKey::Time;
    bool m_descending = false;
    bool m_matrixWanted = false; ///< a filter change asked for a new matrix that has not arrived yet
};
