// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "database.h"
#include "ingest/captureimporter.h"

#include <QHash>

#include <memory>
#include <optional>

/// Metadata of a capture file, known before its contents are read.
struct CaptureFileInfo
{
    QString fileName;
    qint64 fileSize = 0;
    QString sha256; ///< hex
    QString format; ///< CaptureFormats::id()
    QString compression;
    QString label;
    QString appHint; ///< --app / the import dialog's choice, for flows that carry no app of their own
};

/// Writes one capture into the investigation: the store side of CaptureSink. Everything happens in one
/// transaction, so a failed or cancelled import leaves the file exactly as it was (ARCHITECTURE.md).
class CaptureWriter : public CaptureSink
{
public:
    CaptureWriter(Database& db, const CaptureFileInfo& info);
    ~CaptureWriter() override;

    void setInfo(const Data::CaptureInfo& info) override;
    void addFlow(Data::Flow&& flow) override;
    void addConnection(Data::Connection&& connection) override;
    void addDnsAnswer(const Data::DnsAnswer& answer) override;
    void addWarning(const QString& warning) override;

    /// Finishes the capture row (counts, time span) and commits. Returns the capture id.
    qint64 commit();
    qint64 captureId() const
    {
        return m_captureId;
    }
    qint64 flowCount() const
    {
        return m_flows;
    }
    qint64 connectionCount() const
    {
        return m_connections;
    }
    const QStringList& warnings() const
    {
        return m_warnings;
    }

private:
    std::optional<qint64> appId(const Data::AppIdentity& app);
    void extendTimeSpan(Data::Timestamp first, Data::Timestamp last);
    qint64 storeBody(const Data::Body& body);

    Database& m_db;
    std::unique_ptr<Transaction> m_tx;
    qint64 m_captureId = 0;
    QString m_appHint;
    QHash<QString, qint64> m_appIds;
    qint64 m_flows = 0;
    qint64 m_connections = 0;
    Data::Timestamp m_first = 0;
    Data::Timestamp m_last = 0;
    QStringList m_warnings;
    int m_droppedWarnings = 0;
};
