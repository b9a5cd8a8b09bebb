// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/evidence.h"
#include "detect/findingstore.h"
#include "models/resultcache.h"
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
    /// The list and the matrix (after a filter change), queried side by side; the list alone (after narrowing
    /// or sorting, which the matrix does not follow).
    void reload();
    void reloadList();
    void queryMatrix();
    void showIds(const std::vector<qint64>& ids);
    void showMatrix(const std::vector<Data::MatrixCell>& cells);
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
    ResultKey m_query; ///< of the latest list job
    QFutureWatcher<std::shared_ptr<const std::vector<qint64>>> m_watcher;
    quint64 m_matrixJob = 0;
    quint64 m_matrixShownJob = 0;
    ResultKey m_matrixQuery; ///< of the latest matrix job
    QFutureWatcher<std::shared_ptr<const std::vector<Data::MatrixCell>>> m_matrixWatcher;
    QFutureWatcher<Evidence::Explanation> m_evidenceWatcher;
    qint64 m_pendingSelection = 0;
    FindingStore::Narrowing m_narrowing;
    FindingStore::SortKey m_sortKey = FindingStore::SortKey::Time;
    bool m_descending = false;
};
