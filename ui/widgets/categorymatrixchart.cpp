// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "categorymatrixchart.h"

#include "detect/categories.h"
#include "models/categorymatrixmodel.h"
#include "models/displayformat.h"

#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QScatterSeries>
#include <QSet>
#include <QToolTip>

#include <cmath>
#include <map>

CategoryMatrixChart::CategoryMatrixChart(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    auto* c = new QChart;
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    setChart(c);
    setMinimumSize(420, 300);
    setAccessibleName(tr("Categories by company"));
}

qreal CategoryMatrixChart::bubbleSize(qint64 count, qint64 maxCount)
{
    if (count <= 0 || maxCount <= 0)
        return 0;
    // Area grows with the count; the smallest bubble stays clickable.
    return 8.0 + 22.0 * std::sqrt(static_cast<double>(count) / static_cast<double>(maxCount));
}

void CategoryMatrixChart::setModel(const CategoryMatrixModel* model, int maxParties)
{
    m_model = model;
    m_maxParties = maxParties;
    rebuild();
}

void CategoryMatrixChart::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    // removeAxis() hands the axis back to us: without the delete each rebuild leaked two axes (LeakSanitizer).
    for (QAbstractAxis* a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
    m_bubbles = 0;
    if (!m_model || m_model->rowCount() == 0) {
        c->setTitle(tr("No personal data found (yet)"));
        return;
    }
    c->setTitle(QString());
    const int rows = m_model->rowCount();
    const int columns = std::min(m_model->columnCount(), m_maxParties);
    qint64 maxCount = 0;
    for (int r = 0; r < rows; ++r) {
        for (int col = 0; col < columns; ++col)
            maxCount = std::max(maxCount, m_model->count(r, col));
    }
    const struct
    {
        int level;
        QString name;
        QColor color;
    } levels[] = { { Confidence::High, tr("high confidence"), QColor(0xC6, 0x28, 0x28) },
        { Confidence::Medium, tr("medium"), QColor(0xEF, 0x8F, 0x00) },
        { Confidence::Low, tr("low"), QColor(0x90, 0xA4, 0xAE) } };
    auto* x = new QCategoryAxis;
    auto* y = new QCategoryAxis;
    // Each row and column is a band of width 1 centred on its index, labelled in its middle.
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    // Just below the range's start: Qt Charts 6.4 drops the first label when its band starts exactly there.
    x->setStartValue(-0.5001);
    y->setStartValue(-0.5001);
    for (int col = 0; col < columns; ++col)
        x->append(
            DisplayFormat::inert(m_model->parties().value(col), 28).toHtmlEscaped(), col + 0.5); // labels are rich text
    // Top to bottom in TAXONOMY.md order: row r is drawn at y = rows - 1 - r.
    for (int r = rows - 1; r >= 0; --r)
        y->append(Categories::displayName(m_model->categories().value(r)), rows - 1 - r + 0.5);
    QFont small = y->labelsFont();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    x->setLabelsFont(small);
    y->setLabelsFont(small);
    x->setLabelsAngle(-90);
    x->setGridLineVisible(false);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    // One series per confidence and bubble size (per-point sizes do not render reliably in Qt Charts 6.4):
    // sizes are rounded to a few steps, the legend shows the confidences only.
    std::map<std::pair<int, int>, QScatterSeries*> seriesOf;
    for (const auto& level : levels) {
        for (int r = 0; r < rows; ++r) {
            for (int col = 0; col < columns; ++col) {
                if (m_model->count(r, col) == 0 || m_model->confidence(r, col) != level.level)
                    continue;
                const int size = static_cast<int>(std::lround(bubbleSize(m_model->count(r, col), maxCount) / 5.0) * 5);
                QScatterSeries*& series = seriesOf[{ level.level, size }];
                if (!series) {
                    series = new QScatterSeries;
                    series->setName(level.name);
                    series->setColor(level.color);
                    series->setBorderColor(level.color.darker(130));
                    series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
                    series->setMarkerSize(size);
                    c->addSeries(series);
                    series->attachAxis(x);
                    series->attachAxis(y);
                    connect(series, &QScatterSeries::hovered, this, [this](const QPointF& p, bool state) {
                        const int column = static_cast<int>(std::lround(p.x()));
                        const int row = m_model ? m_model->rowCount() - 1 - static_cast<int>(std::lround(p.y())) : -1;
                        if (!state || !m_model) {
                            QToolTip::hideText();
                            return;
                        }
                        QToolTip::showText(
                            QCursor::pos(), m_model->index(row, column).data(Qt::ToolTipRole).toString(), this);
                    });
                    connect(series, &QScatterSeries::clicked, this, [this](const QPointF& p) {
                        const int column = static_cast<int>(std::lround(p.x()));
                        const int row = m_model ? m_model->rowCount() - 1 - static_cast<int>(std::lround(p.y())) : -1;
                        if (m_model && row >= 0 && column >= 0)
                            Q_EMIT cellClicked(m_model->categories().value(row), m_model->parties().value(column));
                    });
                }
                series->append(col, rows - 1 - r);
                ++m_bubbles;
            }
        }
    }
    QSet<QString> named;
    for (QLegendMarker* marker : c->legend()->markers()) {
        const bool first = !named.contains(marker->label());
        named.insert(marker->label());
        marker->setVisible(first);
    }
    // After the series: attaching one fits the axes to its data, and the bubbles need a margin.
    x->setRange(-0.5, columns - 0.5);
    y->setRange(-0.5, rows - 0.5);
}
