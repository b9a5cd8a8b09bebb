// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QString;
class QWidget;
class Session;

/// File → Export CSV…: asks for a folder, then writes destinations.csv, findings.csv, uploads.csv and
/// flows.csv into it on the task runner (progress in the status bar, cancellable), following the window's
/// current filter. A failure names the file and the reason.
namespace CsvExportCommand {
void run(QWidget* parent, Session& session);
/// The non-interactive part: queues writing the four files into `folder` with the session's current filter.
void enqueue(Session& session, const QString& folder);
} // namespace CsvExportCommand
