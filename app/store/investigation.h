// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"
#include "database.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace Data {

struct CaptureRecord
{
    qint64 id = 0;
    QString fileName;
    qint64 fileSize = 0;
    QString sha256;
    QString format;
    QString compression;
    QString producer;
    QString label;
    QString appHint;
    Timestamp importedAt = 0;
    Timestamp firstSeen = 0;
    Timestamp lastSeen = 0;
    qint64 flowCount = 0;
    qint64 connectionCount = 0;
    qint64 clockOffsetUs = 0;
    QString notes;
};

struct AppRecord
{
    qint64 id = 0;
    QString name;
    QString package;
};

/// A flow as stored, with the ids that tie it to the rest of the investigation. Bodies are not loaded; read
/// them with Investigation::body().
struct StoredFlow
{
    qint64 id = 0;
    qint64 captureId = 0;
    qint64 appId = 0;
    qint64 requestBodyId = 0;
    qint64 responseBodyId = 0;
    Flow flow;
};

} // namespace Data

/// An investigation file (`*.leakscope`, a SQLite database): opening, properties and the typed reads and
/// writes of its primary data. Each instance owns one connection; use one per thread (the UI reads with its
/// own, the import worker writes with another).
class Investigation
{
public:
    enum class OpenMode
    {
        ReadWrite, ///< an existing file, upgraded to the current format when needed
        ReadOnly, ///< an existing file, never written (it must already be in the current format)
        Create, ///< create the file when missing, else as ReadWrite
    };

    /// Throws StoreError with a message naming the file ("case.leakscope: not an investigation file …").
    static std::unique_ptr<Investigation> open(const QString& path, OpenMode mode);

    Database& db()
    {
        return *m_db;
    }
    QString path() const
    {
        return m_db->path();
    }
    /// The "title" property, or the file name without extension.
    QString title();

    // Investigation properties: title, reporter, notes, device, device_lat, device_lon, time_zone, created.
    QString property(const QString& key);
    void setProperty(const QString& key, const QString& value);

    /// Writes a complete, compacted copy of the investigation to `path` (Save As). The copy is consistent even
    /// while other connections read. Throws StoreError.
    void saveCopy(const QString& path);

    std::vector<Data::CaptureRecord> captures();
    std::optional<Data::CaptureRecord> capture(qint64 id);
    /// The capture whose id (as text) or original file name is `idOrName`.
    std::optional<Data::CaptureRecord> findCapture(const QString& idOrName);
    QStringList captureWarnings(qint64 captureId);
    /// The capture already imported from a file with this SHA-256, if any.
    std::optional<Data::CaptureRecord> captureBySha256(const QString& sha256);
    void setCaptureLabel(qint64 captureId, const QString& label);
    /// Removes a capture and everything derived from it, in one transaction.
    void removeCapture(qint64 captureId);

    std::vector<Data::AppRecord> apps();

    qint64 flowCount();
    std::optional<Data::StoredFlow> flow(qint64 flowId);
    std::vector<Data::WebSocketMessage> webSocketMessages(qint64 flowId, qint64 maxBytesPerMessage = 1 << 20);
    QByteArray body(qint64 bodyId, qint64 maxBytes = -1);

private:
    explicit Investigation(std::unique_ptr<Database> db);
    std::unique_ptr<Database> m_db;
};
