// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "models/displayformat.h"
#include "models/filterstate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

FilterBar::FilterBar(FilterState& state, Namer namer, QWidget* parent)
    : QWidget(parent)
    , m_state(state)
    , m_namer(std::move(namer))
    , m_chips(new QHBoxLayout)
    , m_back(new QToolButton(this))
    , m_forward(new QToolButton(this))
    , m_clear(new QToolButton(this))
{
    m_back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_back->setToolTip(tr("Previous filter (Alt+Left)"));
    m_back->setAccessibleName(tr("Previous filter"));
    m_forward->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_forward->setToolTip(tr("Next filter (Alt+Right)"));
    m_forward->setAccessibleName(tr("Next filter"));
    m_clear->setText(tr("Clear all"));
    m_clear->setToolTip(tr("Show everything again (Ctrl+Shift+Backspace)"));
    m_back->setAutoRaise(true);
    m_forward->setAutoRaise(true);
    m_clear->setAutoRaise(true);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_back);
    layout->addWidget(m_forward);
    auto* label = new QLabel(tr("Filter:"), this);
    layout->addWidget(label);
    m_chips->setSpacing(4);
    layout->addLayout(m_chips);
    layout->addStretch(1);
    layout->addWidget(m_clear);
    connect(m_back, &QToolButton::clicked, &m_state, &FilterState::back);
    connect(m_forward, &QToolButton::clicked, &m_state, &FilterState::forward);
    connect(m_clear, &QToolButton::clicked, &m_state, &FilterState::clear);
    connect(&m_state, &FilterState::filterChanged, this, &FilterBar::rebuild);
    connect(&m_state, &FilterState::historyChanged, this, &FilterBar::rebuild);
    rebuild();
}

QStringList FilterBar::chips() const
{
    return m_chipTexts;
}

void FilterBar::addChip(const QString& text, const QString& tooltip, std::function<void(Data::Filter&)> remove)
{
    auto* chip = new QToolButton(this);
    chip->setText(DisplayFormat::inert(text, 60) + QStringLiteral("  ×"));
    chip->setToolTip(DisplayFormat::toolTip(tooltip));
    chip->setAccessibleName(tr("Remove filter %1").arg(text));
    chip->setStyleSheet(
        QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px; "
                       "background: palette(alternate-base); }"));
    connect(chip, &QToolButton::clicked, this, [this, remove] {
        Data::Filter f = m_state.filter();
        remove(f);
        m_state.setFilter(f);
    });
    m_chips->addWidget(chip);
    m_chipTexts.append(text);
}

void FilterBar::rebuild()
{
    while (QLayoutItem* item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_chipTexts.clear();
    const Data::Filter& f = m_state.filter();
    const auto name = [this](const QString& kind, const QString& id) { return m_namer ? m_namer(kind, id) : id; };
    for (qint64 id : f.appIds)
        addChip(tr("App: %1").arg(name(QStringLiteral("app"), QString::number(id))), tr("Only this app"),
            [id](Data::Filter& x) { x.appIds.removeAll(id); });
    for (qint64 id : f.captureIds)
        addChip(tr("Capture: %1").arg(name(QStringLiteral("capture"), QString::number(id))), tr("Only this capture"),
            [id](Data::Filter& x) { x.captureIds.removeAll(id); });
    if (f.from || f.to)
        addChip(tr("Time: %1 – %2")
                    .arg(f.from ? DisplayFormat::time(f.from) : QStringLiteral("…"),
                        f.to ? DisplayFormat::time(f.to) : QStringLiteral("…")),
            tr("Only what happened in this time range"), [](Data::Filter& x) { x.from = x.to = 0; });
    for (const QString& c : f.countries)
        addChip(tr("Country: %1").arg(name(QStringLiteral("country"), c)), tr("Only destinations in this country"),
            [c](Data::Filter& x) { x.countries.removeAll(c); });
    for (const QString& c : f.companies)
        addChip(tr("Company: %1").arg(name(QStringLiteral("company"), c)), tr("Only this company's destinations"),
            [c](Data::Filter& x) { x.companies.removeAll(c); });
    for (const QString& h : f.hosts)
        addChip(tr("Host: %1").arg(h), tr("Only this host"), [h](Data::Filter& x) { x.hosts.removeAll(h); });
    for (const QString& c : f.categories)
        addChip(tr("Data: %1").arg(name(QStringLiteral("category"), c)),
            tr("Only flows carrying this category of data"), [c](Data::Filter& x) { x.categories.removeAll(c); });
    if (!f.minConfidence.isEmpty())
        addChip(tr("Confidence ≥ %1").arg(f.minConfidence), tr("Hide findings of lower confidence"),
            [](Data::Filter& x) { x.minConfidence.clear(); });
    if (!f.text.isEmpty())
        addChip(tr("Text: %1").arg(f.text), tr("Only flows whose URL, host or headers contain this text"),
            [](Data::Filter& x) { x.text.clear(); });
    if (m_chipTexts.isEmpty()) {
        auto* none = new QLabel(tr("none — showing everything"), this);
        none->setEnabled(false);
        m_chips->addWidget(none);
    }
    m_back->setEnabled(m_state.canGoBack());
    m_forward->setEnabled(m_state.canGoForward());
    m_clear->setEnabled(!f.isEmpty());
}
