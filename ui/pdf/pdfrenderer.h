// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureimporter.h"
#include "report/reportmodel.h"

#include <QJsonObject>

#include <functional>

class QPainter;
class QRectF;

/// Lays out a Report::Model on A4 or US Letter pages with QPdfWriter: real (selectable, searchable) text in
/// embedded fonts, tables whose rows never split across pages (headers repeat), long host names wrapped,
/// numbered figures with captions, page numbers, and the content hash on the last page.
namespace PdfRenderer {

/// Draws one kind of figure ("map", "timeline", …) into a rectangle, from the figure's data. Pages register
/// their painters so the report shows the same pictures as the window.
using FigurePainter = std::function<void(QPainter& painter, const QRectF& rect, const QJsonObject& data)>;
void registerFigurePainter(const QString& kind, FigurePainter painter);

struct Result
{
    bool ok = false;
    QString error;
    int pages = 0;
    QString fileSha256; ///< of the written PDF file (also written to <file>.sha256)
};

/// Writes the PDF to `path` (through a temporary file, so a failure leaves nothing half-written) and the
/// sidecar `path + ".sha256"` in sha256sum's format. `progress` counts pages.
Result render(const Report::Model& model, const QString& path, const QString& pageSize = QStringLiteral("A4"),
    const ProgressCallback& progress = {});

} // namespace PdfRenderer
