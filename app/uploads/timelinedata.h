// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

class Investigation;

/// What the uploads timeline draws for one capture, as a plain JSON object: the window's "Uploads & timeline"
/// page and the PDF report's figure (kind "timeline") draw from the same data.
///
/// {capture, title, from, to (µs, capture time), clock_offset_us,
///  lanes: [{name, hosts: [..]}]   one per destination company (enrich tables) or registrable domain,
///  bars: [{lane, session, start, end, bytes, media, classification, match, publish}],
///  bursts: [{lane, start, end, bytes}]                  encrypted-only, circumstantial,
///  markers: [{id, ts, label}]                             in capture time (after the clock offset),
///  requests: [{lane, ts}]                                 other requests to the lanes' hosts (context ticks)}
namespace TimelineData {

/// Throws StoreError. Lanes come in order of first activity; at most `maxRequests` context ticks.
QJsonObject build(Investigation& investigation, qint64 captureId, int maxRequests = 2000);

} // namespace TimelineData
