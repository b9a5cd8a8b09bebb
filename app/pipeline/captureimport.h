// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/captureformat.h"
#include "ingest/captureimporter.h"

#include <QStringList>

class Investigation;

struct ImportRequest
{
    QString path;
    QString appName; ///< attribute flows without an app of their own to this app ("chosen at import")
    QString label;
    QString keyLogPath; ///< SSLKEYLOGFILE for packet captures
};

struct ImportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error; ///< one line, starting with the file name
    qint64 captureId = 0;
    CaptureFormat format = CaptureFormat::Unknown;
    qint64 flows = 0;
    qint64 connections = 0;
    QStringList warnings;
};

/// Imports one capture file into an open investigation: sniffs the format from the content, streams it
/// through the format's reader into the store in a single transaction, and records the file's name, size
/// and SHA-256. On any error or a cancel the investigation is left exactly as it was.
ImportOutcome importCapture(Investigation& investigation, const ImportRequest& request,
                            const ProgressCallback& progress = {});
