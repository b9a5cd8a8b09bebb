// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>

class CategoryMatrixModel;
class QScatterSeries;

/// The categories × companies matrix as a bubble chart: one row per category, one column per company (or
/// registrable domain), a bubble sized by the number of findings and coloured by their highest confidence.
/// Clicking a bubble asks to show those findings.
class CategoryMatrixChart : public QChartView
{
    Q_OBJECT
public:
    explicit CategoryMatrixChart(QWidget* parent = nullptr);
    /// Draws the model's cells (at most `maxParties` columns, the parties with most findings).
    void setModel(const CategoryMatrixModel* model, int maxParties = 14);
    /// Bubble size in pixels for a count (math kept out of painting, STYLE.md 10).
    static qreal bubbleSize(qint64 count, qint64 maxCount);
    int bubbleCount() const
    {
        return m_bubbles;
    }

Q_SIGNALS:
    void cellClicked(const QString& category, const QString& party);

private:
    void rebuild();

    const CategoryMatrixModel* m_model = nullptr;
    int m_maxParties = 14;
    int m_bubbles = 0;
};
