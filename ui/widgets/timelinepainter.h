// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timelinelayout.h"

#include <QJsonObject>
#include <QPalette>
#include <QString>

class QPainter;

/// The uploads timeline's content (TimelineData::build's JSON, read once), and the painting shared by the
/// window's timeline view and the PDF report's "timeline" figure.
struct TimelineScene
{
    struct Lane
    {
        QString name;
        QString hosts;
    };
    struct Bar
    {
        int lane = 0;
        qint64 session = 0;
        Data::Timestamp start = 0;
        Data::Timestamp end = 0;
        qint64 bytes = 0;
        QString media;
        QString classification;
        QString match;
    };
    struct Burst
    {
        int lane = 0;
        Data::Timestamp start = 0;
        Data::Timestamp end = 0;
        qint64 bytes = 0;
    };
    struct Marker
    {
        qint64 id = 0;
        Data::Timestamp ts = 0;
        QString label;
    };
    struct Request
    {
        int lane = 0;
        Data::Timestamp ts = 0;
    };
    qint64 captureId = 0;
    QString title;
    Data::Timestamp from = 0;
    Data::Timestamp to = 0;
    qint64 clockOffsetUs = 0;
    std::vector<Lane> lanes;
    std::vector<Bar> bars;
    std::vector<Burst> bursts;
    std::vector<Marker> markers;
    std::vector<Request> requests;
    qint64 maxBytes = 0;

    static TimelineScene fromJson(const QJsonObject& o);
    bool isEmpty() const
    {
        return lanes.empty() && markers.empty();
    }
};

namespace TimelinePainter {

struct Highlight
{
    qint64 selectedSession = 0;
    qint64 selectedMarker = 0;
    Data::Timestamp brushFrom = 0; ///< a range being brushed (or the filter's range), 0 when none
    Data::Timestamp brushTo = 0;
};

/// Paints the scene into the layout's rectangle (origin at 0,0; translate the painter first). `palette` gives
/// text and background colours (the window's theme; the PDF passes a light palette).
void paint(QPainter& painter, const TimelineScene& scene, const TimelineLayout& layout, const QPalette& palette,
    const Highlight& highlight = {});

/// The colour of a session bar by its classification (before Post: the warning colour).
QColor barColour(const QString& classification);

/// Registers the PDF report's "timeline" figure painter (PdfRenderer::registerFigurePainter); idempotent.
void registerFigurePainter();

} // namespace TimelinePainter
