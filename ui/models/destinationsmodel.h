// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enrich/destinationquery.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

class CountryTable;
class EntityList;

/// Companies → domains → hosts (STYLE.md 6): a company is the parent company of the entity behind a host
/// ("Unknown company" when the entity list does not know it), a domain its registrable domain, a host one
/// destination row per app. Parents sum their children.
class DestinationsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Columns
    {
        NameColumn,
        AppColumn,
        CountryColumn,
        NetworkColumn,
        CategoryColumn,
        PartyColumn,
        SentColumn,
        ReceivedColumn,
        RequestsColumn,
        JurisdictionColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        KindRole,
        EntityIdRole,
        HostRole,
        SearchRole
    };
    enum Kind
    {
        CompanyNode,
        DomainNode,
        HostNode
    };

    /// One node of the tree (company, domain or host); public so that a Tree can be built on another thread.
    struct Node
    {
        Kind kind = CompanyNode;
        int parent = -1;
        int rowInParent = 0;
        std::vector<int> children;
        QString name;
        int destination = -1; ///< index into m_rows for hosts
        // Sums over the subtree.
        qint64 sent = 0;
        qint64 received = 0;
        qint64 requests = 0;
        QStringList countries;
        QStringList apps;
        QString entityId;
        QString category;
        int party = -2; ///< -2 none yet, -3 mixed, else DestinationRow::firstParty
        QString jurisdiction;
        QString network;
    };
    /// The rows arranged as the tree, built where the rows were loaded (off the UI thread: on 32 000
    /// destinations it takes a tenth of a second), then handed to setTree().
    struct Tree
    {
        std::vector<Data::DestinationRow> rows;
        std::vector<Node> nodes; ///< companies are the children of the invisible root
        std::vector<int> roots;
    };
    /// Any thread. `entities` (may be null) names the entity list's categories.
    static Tree buildTree(std::vector<Data::DestinationRow> rows, const EntityList* entities);

    explicit DestinationsModel(QObject* parent = nullptr);
    /// Country names for display (may be null: codes are shown).
    void setCountryTable(const CountryTable* countries);
    /// Readable names of the entity list's category ids (may be null: ids are shown).
    void setEntityList(const EntityList* entities);
    void setRows(std::vector<Data::DestinationRow> rows);
    /// Shows `tree` (null: nothing), shared (the page keeps recent trees for other filters, ResultCache). Returns the
    /// tree shown before, for the caller to let go of off the UI thread (freeing a tree of tens of thousands of hosts
    /// took 16 ms).
    std::shared_ptr<const Tree> setTree(std::shared_ptr<const Tree> tree);
    /// The destination behind a host node, or nullptr for company and domain nodes.
    const Data::DestinationRow* row(const QModelIndex& index) const;
    /// All destination rows under a node (itself for a host).
    std::vector<const Data::DestinationRow*> rowsUnder(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString countryText(const QStringList& codes) const;
    const Node* node(const QModelIndex& index) const;

    std::shared_ptr<const Tree> m_tree = std::make_shared<const Tree>();
    const CountryTable* m_countries = nullptr;
    const EntityList* m_entities = nullptr;
};
