// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportmodel.h"

#include <QJsonDocument>

namespace Report {

namespace {

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

QString blockText(const Block& block, bool withMarkers)
{
    return std::visit(
        Overloaded {
            [&](const Heading& h) -> QString {
                return (withMarkers ? QStringLiteral("H%1 ").arg(h.level) : QString()) + h.text;
            },
            [&](const Paragraph& p) -> QString { return (withMarkers ? QStringLiteral("P ") : QString()) + p.text; },
            [&](const BulletList& l) -> QString {
                QString t;
                for (const QString& item : l.items)
                    t += (withMarkers ? QStringLiteral("- ") : QString()) + item + QLatin1Char('\n');
                return t;
            },
            [&](const Table& table) -> QString {
                QString t = (withMarkers ? QStringLiteral("T ") : QString()) + table.caption + QLatin1Char('\n')
                    + table.headers.join(QLatin1Char('\t'));
                for (const QStringList& row : table.rows)
                    t += QLatin1Char('\n') + row.join(QLatin1Char('\t'));
                if (table.rows.empty())
                    t += QLatin1Char('\n') + table.emptyText;
                return t;
            },
            [&](const Facts& f) -> QString {
                QString t;
                for (const auto& [k, v] : f.items)
                    t += k + QStringLiteral(": ") + v + QLatin1Char('\n');
                return t;
            },
            [&](const Figure& f) -> QString {
                return (withMarkers ? QStringLiteral("F %1 %2\n")
                                          .arg(f.kind,
                                              QString::fromUtf8(QJsonDocument(f.data).toJson(QJsonDocument::Compact)))
                                    : QString())
                    + f.caption;
            },
            [&](const PageBreak&) -> QString { return withMarkers ? QStringLiteral("---") : QString(); },
            [&](const Excerpt& e) -> QString {
                QString t = (withMarkers ? QStringLiteral("E ") : QString()) + e.title + QLatin1Char('\n') + e.text;
                for (const auto& [k, v] : e.facts)
                    t += QLatin1Char('\n') + k + QStringLiteral(": ") + v;
                return t;
            },
        },
        block);
}

} // namespace

QString Model::canonicalText() const
{
    QString t = title + QLatin1Char('\n') + subtitle + QLatin1Char('\n');
    for (const Block& b : blocks)
        t += blockText(b, true) + QLatin1Char('\n');
    return t;
}

QString Model::plainText() const
{
    QString t = title + QLatin1Char('\n') + subtitle + QLatin1Char('\n');
    for (const Block& b : blocks)
        t += blockText(b, false) + QLatin1Char('\n');
    return t;
}

} // namespace Report
