// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/knownidentifiers.h"

#include <QDialog>

class QLabel;
class QTableWidget;

/// The investigator's own identifiers and canaries: add, edit in place, delete, import and export the JSON of
/// EXPORT.md. Accepting hands the whole list back; the page stores it and recomputes the findings.
class KnownIdentifiersDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KnownIdentifiersDialog(const std::vector<Data::KnownIdentifier>& identifiers, QWidget* parent = nullptr);

    /// The edited list (rows with an empty label and value are ignored).
    std::vector<Data::KnownIdentifier> identifiers() const;
    QTableWidget* table() const
    {
        return m_table;
    }
    /// Adds a row (also what "Add" does, with an empty value).
    void addIdentifier(const Data::KnownIdentifier& identifier);
    void removeRow(int row);
    /// Replaces or extends the rows from JSON; returns false with the reason in `error`.
    bool importJson(const QByteArray& json, QString* error);
    QByteArray exportJson() const;
    /// The problems that keep the list from being applied ("row 2: unknown category …"); empty when fine.
    QStringList problems() const;

public Q_SLOTS:
    void accept() override;

private:
    void importFile();
    void exportFile();

    QTableWidget* m_table;
    QLabel* m_problems;
};
