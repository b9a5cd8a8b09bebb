// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterstate.h"

FilterState::FilterState(QObject* parent)
    : QObject(parent)
    , m_history(1)
{ }

void FilterState::setFilter(const Data::Filter& filter)
{
    if (filter == this->filter())
        return;
    m_history.resize(m_position + 1); // a new edit drops the "forward" part
    m_history.push_back(filter);
    m_position = m_history.size() - 1;
    Q_EMIT filterChanged(filter);
    Q_EMIT historyChanged();
}

#define LEAKSCOPE_FILTER_SETTER(Name, Type, member)                                                                    \
    void FilterState::Name(Type value)                                                                                 \
    {                                                                                                                  \
        Data::Filter f = filter();                                                                                     \
        f.member = value;                                                                                              \
        setFilter(f);                                                                                                  \
    }

LEAKSCOPE_FILTER_SETTER(setText, const QString&, text)
LEAKSCOPE_FILTER_SETTER(setApps, const QList<qint64>&, appIds)
LEAKSCOPE_FILTER_SETTER(setCaptures, const QList<qint64>&, captureIds)
LEAKSCOPE_FILTER_SETTER(setCountries, const QStringList&, countries)
LEAKSCOPE_FILTER_SETTER(setCompanies, const QStringList&, companies)
LEAKSCOPE_FILTER_SETTER(setCategories, const QStringList&, categories)
LEAKSCOPE_FILTER_SETTER(setHosts, const QStringList&, hosts)
LEAKSCOPE_FILTER_SETTER(setMinConfidence, const QString&, minConfidence)
#undef LEAKSCOPE_FILTER_SETTER

void FilterState::setTimeRange(Data::Timestamp from, Data::Timestamp to)
{
    Data::Filter f = filter();
    f.from = from;
    f.to = to;
    setFilter(f);
}

void FilterState::clear()
{
    setFilter(Data::Filter {});
}

void FilterState::back()
{
    if (!canGoBack())
        return;
    --m_position;
    Q_EMIT filterChanged(filter());
    Q_EMIT historyChanged();
}

void FilterState::forward()
{
    if (!canGoForward())
        return;
    ++m_position;
    Q_EMIT filterChanged(filter());
    Q_EMIT historyChanged();
}
