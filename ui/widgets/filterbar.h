// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QWidget>

#include <functional>

class FilterState;
class QHBoxLayout;
class QToolButton;

/// The active filter as removable chips ("Country: CN ×", "App: Vidzy ×"), with back/forward through the
/// filter history. Sits above every page, so the user always sees what they are looking at.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    /// `describe` turns ids into names for the chips (app ids → app names, capture ids → file names).
    using Namer = std::function<QString(const QString& kind, const QString& id)>;
    FilterBar(FilterState& state, Namer namer, QWidget* parent = nullptr);

    /// The chip texts shown now (for tests).
    QStringList chips() const;

private:
    void rebuild();
    void addChip(const QString& text, const QString& tooltip, std::function<void(Data::Filter&)> remove);

    FilterState& m_state;
    Namer m_namer;
    QHBoxLayout* m_chips;
    QToolButton* m_back;
    QToolButton* m_forward;
    QToolButton* m_clear;
    QStringList m_chipTexts;
};
