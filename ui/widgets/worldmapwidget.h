// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "geo/mapprojection.h"

#include <QHash>
#include <QPointF>
#include <QWidget>

#include <optional>

/// The offline world map: Natural Earth countries (world-atlas TopoJSON, shipped), shaded by a value per
/// country, with arcs from the device's location to the countries that received data. Painting only: the
/// projection and hit-testing live in MapProjection (tested with tables), the data comes from the page.
class WorldMapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit WorldMapWidget(QWidget* parent = nullptr);

    /// Shapes with their alpha-2 codes (shapes without a code are drawn but never highlighted).
    void setShapes(std::vector<CountryShape> shapes, std::vector<QString> alpha2);
    /// Value per alpha-2 country (bytes): shading is logarithmic, so a few bytes still show.
    void setValues(const QHash<QString, qint64>& values);
    /// Tooltip text per alpha-2 country (plain text).
    void setDescriptions(const QHash<QString, QString>& descriptions);
    void setDeviceLocation(std::optional<QPointF> lonLat);
    void setSelectedCountries(const QStringList& alpha2);
    QString countryAt(const QPointF& widgetPoint) const;
    /// The widget point where a country's arc ends (tests click it); invalid when the country is unknown.
    QPointF anchorOf(const QString& alpha2) const;
    int shapeCount() const
    {
        return static_cast<int>(m_shapes.size());
    }

Q_SIGNALS:
    void countryClicked(const QString& alpha2);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void relayout();

    std::vector<CountryShape> m_shapes;
    std::vector<QString> m_alpha2;
    QHash<QString, qint64> m_values;
    QHash<QString, QString> m_descriptions;
    QStringList m_selected;
    std::optional<QPointF> m_device;
    MapProjection m_projection;
    int m_hover = -1;
};
