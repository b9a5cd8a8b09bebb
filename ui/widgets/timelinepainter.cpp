// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinepainter.h"

#include "common/inerttext.h"
#include "pdf/pdfrenderer.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

TimelineScene TimelineScene::fromJson(const QJsonObject& o)
{
    TimelineScene s;
    auto ts = [](const QJsonValue& v) { return static_cast<Data::Timestamp>(v.toDouble()); };
    s.captureId = static_cast<qint64>(o.value(QStringLiteral("capture")).toDouble());
    s.title = o.value(QStringLiteral("title")).toString();
    s.from = ts(o.value(QStringLiteral("from")));
    s.to = ts(o.value(QStringLiteral("to")));
    s.clockOffsetUs = ts(o.value(QStringLiteral("clock_offset_us")));
    for (const QJsonValue& v : o.value(QStringLiteral("lanes")).toArray()) {
        QStringList hosts;
        for (const QJsonValue& h : v.toObject().value(QStringLiteral("hosts")).toArray())
            hosts.append(h.toString());
        s.lanes.push_back({ v.toObject().value(QStringLiteral("name")).toString(), hosts.join(QStringLiteral(", ")) });
    }
    const int lanes = static_cast<int>(s.lanes.size());
    auto laneOf = [&](const QJsonObject& x) {
        return std::clamp(x.value(QStringLiteral("lane")).toInt(), 0, std::max(0, lanes - 1));
    };
    for (const QJsonValue& v : o.value(QStringLiteral("bars")).toArray()) {
        const QJsonObject b = v.toObject();
        Bar bar;
        bar.lane = laneOf(b);
        bar.session = static_cast<qint64>(b.value(QStringLiteral("session")).toDouble());
        bar.start = ts(b.value(QStringLiteral("start")));
        bar.end = ts(b.value(QStringLiteral("end")));
        bar.bytes = static_cast<qint64>(b.value(QStringLiteral("bytes")).toDouble());
        bar.media = b.value(QStringLiteral("media")).toString();
        bar.classification = b.value(QStringLiteral("classification")).toString();
        bar.match = b.value(QStringLiteral("match")).toString();
        s.maxBytes = std::max(s.maxBytes, bar.bytes);
        s.bars.push_back(bar);
    }
    for (const QJsonValue& v : o.value(QStringLiteral("bursts")).toArray()) {
        const QJsonObject b = v.toObject();
        const qint64 bytes = static_cast<qint64>(b.value(QStringLiteral("bytes")).toDouble());
        s.maxBytes = std::max(s.maxBytes, bytes);
        s.bursts.push_back(
            { laneOf(b), ts(b.value(QStringLiteral("start"))), ts(b.value(QStringLiteral("end"))), bytes });
    }
    for (const QJsonValue& v : o.value(QStringLiteral("markers")).toArray()) {
        const QJsonObject m = v.toObject();
        s.markers.push_back({ static_cast<qint64>(m.value(QStringLiteral("id")).toDouble()),
            ts(m.value(QStringLiteral("ts"))), m.value(QStringLiteral("label")).toString() });
    }
    if (lanes > 0) {
        for (const QJsonValue& v : o.value(QStringLiteral("requests")).toArray())
            s.requests.push_back({ laneOf(v.toObject()), ts(v.toObject().value(QStringLiteral("ts"))) });
    }
    return s;
}

namespace TimelinePainter {

QColor barColour(const QString& classification)
{
    if (classification == u"before_post")
        return QColor(0xD9, 0x5F, 0x0E); // orange: left before Post
    if (classification == u"after_post")
        return QColor(0x2B, 0x83, 0xBA); // blue: after Post
    return QColor(0x76, 0x76, 0x76);
}

namespace {

QString tickLabel(Data::Timestamp t, qint64 step)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t / 1000, QTimeZone::utc());
    if (step < 1000000)
        return dt.toString(QStringLiteral("HH:mm:ss.zzz"));
    return dt.toString(QStringLiteral("HH:mm:ss"));
}

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

void paint(
    QPainter& p, const TimelineScene& scene, const TimelineLayout& layout, const QPalette& palette, const Highlight& hl)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRectF plot = layout.plotRect();
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    const QColor muted = palette.color(QPalette::Disabled, QPalette::WindowText);
    p.fillRect(QRectF(0, 0, layout.width(), layout.height()), base);
    QFont font = p.font();
    const QFontMetricsF fm(font);

    // Lanes and their labels (strings from captures: host names, drawn as plain text).
    for (int i = 0; i < static_cast<int>(scene.lanes.size()); ++i) {
        const QRectF lane = layout.laneRect(i);
        if (i % 2)
            p.fillRect(QRectF(0, lane.top(), layout.width(), lane.height()), palette.color(QPalette::AlternateBase));
        p.setPen(text);
        const QString name =
            fm.elidedText(InertText::make(scene.lanes[i].name, 120), Qt::ElideMiddle, TimelineLayout::LabelWidth - 10);
        p.drawText(QRectF(6, lane.top(), TimelineLayout::LabelWidth - 10, lane.height()),
            Qt::AlignVCenter | Qt::AlignLeft, name);
    }
    if (scene.lanes.empty()) {
        p.setPen(muted);
        p.drawText(plot.adjusted(0, 10, 0, 0), Qt::AlignHCenter | Qt::AlignTop,
            QStringLiteral("No upload in this capture: nothing carried media or a large body out."));
    }

    // Axis.
    p.setPen(QPen(muted, 1));
    p.drawLine(QPointF(plot.left(), TimelineLayout::AxisHeight - 0.5),
        QPointF(plot.right(), TimelineLayout::AxisHeight - 0.5));
    const qint64 step = layout.tickStep();
    p.setPen(muted);
    p.drawText(QRectF(6, 2, TimelineLayout::LabelWidth - 10, TimelineLayout::AxisHeight - 4),
        Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("capture time (UTC)"));
    p.setClipRect(QRectF(plot.left(), 0, plot.width(), layout.height()));
    for (Data::Timestamp t : layout.ticks()) {
        const double x = layout.xForTime(t);
        p.setPen(QPen(muted, 1, Qt::DotLine));
        p.drawLine(QPointF(x, TimelineLayout::AxisHeight), QPointF(x, layout.height()));
        p.setPen(text);
        // Centred on its tick, but kept inside the plot so the first and last labels stay whole.
        const QString label = tickLabel(t, step);
        const double w = fm.horizontalAdvance(label) + 4;
        const double left = std::clamp(x - w / 2, plot.left(), std::max(plot.left(), plot.right() - w));
        p.drawText(QRectF(left, 2, w, TimelineLayout::AxisHeight - 4), Qt::AlignCenter, label);
    }

    // The brushed (or filtered) range.
    if (hl.brushFrom && hl.brushTo > hl.brushFrom) {
        QColor c = palette.color(QPalette::Highlight);
        c.setAlpha(50);
        const double x0 = layout.xForTime(hl.brushFrom), x1 = layout.xForTime(hl.brushTo);
        p.fillRect(QRectF(x0, TimelineLayout::AxisHeight, x1 - x0, layout.height() - TimelineLayout::AxisHeight), c);
    }

    // Other requests to these destinations: small ticks for context.
    p.setPen(QPen(muted, 1));
    for (const auto& r : scene.requests) {
        const QRectF lane = layout.laneRect(r.lane);
        const double x = layout.xForTime(r.ts);
        p.drawLine(QPointF(x, lane.bottom() - 7), QPointF(x, lane.bottom() - 2));
    }

    // Encrypted bursts, hatched: circumstantial evidence only.
    for (const auto& b : scene.bursts) {
        const QRectF r = layout.barRect(b.lane, b.start, b.end, b.bytes, scene.maxBytes);
        p.setPen(QPen(QColor(0x6A, 0x3D, 0x9A), 1));
        p.setBrush(QBrush(QColor(0x6A, 0x3D, 0x9A), Qt::BDiagPattern));
        p.drawRect(r);
    }

    // Upload sessions, coloured by classification, sized by bytes.
    for (const auto& b : scene.bars) {
        const QRectF r = layout.barRect(b.lane, b.start, b.end, b.bytes, scene.maxBytes);
        const QColor c = barColour(b.classification);
        p.setPen(
            QPen(b.session == hl.selectedSession ? text : c.darker(130), b.session == hl.selectedSession ? 2.5 : 1));
        p.setBrush(c);
        p.drawRoundedRect(r, 2, 2);
        QString label = sizeText(b.bytes);
        if (b.match == u"exact" || b.match == u"structural")
            label += QStringLiteral(" · ") + b.match;
        if (fm.horizontalAdvance(label) + 6 < r.width() && r.height() >= fm.height()) {
            p.setPen(Qt::white);
            p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        } else {
            p.setPen(text);
            p.drawText(QRectF(r.right() + 4, r.center().y() - fm.height() / 2, 160, fm.height()),
                Qt::AlignVCenter | Qt::AlignLeft, label);
        }
    }

    // Markers: vertical lines with their label.
    for (const auto& m : scene.markers) {
        const double x = layout.xForTime(m.ts);
        const bool post = m.label == u"tapped_post" || m.label == u"discarded";
        const QColor c = post ? QColor(0xC0, 0x10, 0x10) : QColor(0x1B, 0x7F, 0x3B);
        p.setPen(QPen(c, m.id == hl.selectedMarker ? 3 : 1.5, post ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(QPointF(x, TimelineLayout::AxisHeight), QPointF(x, layout.height()));
        p.save();
        p.translate(x + 3, layout.height() - 4);
        p.rotate(-90);
        p.setPen(c);
        p.drawText(QPointF(0, 0), InertText::make(m.label, 60));
        p.restore();
    }
    p.restore();
}

void registerFigurePainter()
{
    static bool registered = false;
    if (registered)
        return;
    registered = true;
    PdfRenderer::registerFigurePainter(
        QStringLiteral("timeline"), [](QPainter& p, const QRectF& rect, const QJsonObject& data) {
            // The figure is drawn at the report's scale: lay it out at a fixed logical size and scale into `rect`.
            const TimelineScene scene = TimelineScene::fromJson(data);
            constexpr double logicalWidth = 900;
            const double scale = rect.width() / logicalWidth;
            TimelineLayout layout;
            layout.setSize(logicalWidth, rect.height() / scale);
            layout.setLaneCount(static_cast<int>(scene.lanes.size()));
            layout.setExtent(scene.from, scene.to);
            layout.reset();
            QPalette light;
            light.setColor(QPalette::Base, Qt::white);
            light.setColor(QPalette::AlternateBase, QColor(0xF3, 0xF3, 0xF3));
            light.setColor(QPalette::WindowText, Qt::black);
            light.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x88, 0x88, 0x88));
            light.setColor(QPalette::Highlight, QColor(0x30, 0x8C, 0xC6));
            p.save();
            p.translate(rect.topLeft());
            p.scale(scale, scale);
            // Sizes in the figure's logical pixels: the PDF device's resolution is applied by the scale above.
            QFont f = p.font();
            f.setPixelSize(11);
            p.setFont(f);
            paint(p, scene, layout, light);
            p.restore();
        });
}

} // namespace TimelinePainter
