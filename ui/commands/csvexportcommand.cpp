// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvexportcommand.h"

#include "models/filterstate.h"
#include "report/csvexport.h"
#include "session.h"
#include "tasks/taskrunner.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace CsvExportCommand {

void run(QWidget* parent, Session& session)
{
    if (!session.isOpen())
        return;
    const QFileInfo inv(session.path());
    const QString folder =
        QFileDialog::getExistingDirectory(parent, QObject::tr("Export CSV Files to Folder"), inv.absolutePath());
    if (folder.isEmpty())
        return;
    QStringList existing;
    for (const CsvExport::Table table : CsvExport::allTables) {
        if (QFileInfo::exists(QDir(folder).filePath(CsvExport::fileName(table))))
            existing << CsvExport::fileName(table);
    }
    if (!existing.isEmpty()
        && QMessageBox::question(parent, QObject::tr("Replace Files?"),
               QObject::tr("%1 already has %2. Replace them?")
                   .arg(QDir::toNativeSeparators(folder), existing.join(QStringLiteral(", "))))
            != QMessageBox::Yes)
        return;
    enqueue(session, folder);
}

void enqueue(Session& session, const QString& folder)
{
    const Data::Filter filter = session.filter().filter();
    session.tasks().enqueue(QObject::tr("Exporting CSV files"),
        [filter, folder](Investigation& investigation, const ProgressCallback& progress) {
            const CsvExport::Result r = CsvExport::writeAll(investigation, folder, filter, progress);
            if (r.ok)
                return TaskResult { true, false,
                    QObject::tr("Wrote 4 CSV files to %5 (destinations: %1, findings: %2, uploads: %3, flows: %4)")
                        .arg(r.rows[0])
                        .arg(r.rows[1])
                        .arg(r.rows[2])
                        .arg(r.rows[3])
                        .arg(QDir::toNativeSeparators(folder)),
                    {} };
            const bool cancelled = r.error.endsWith(QStringLiteral("cancelled"));
            return TaskResult { false, cancelled,
                cancelled ? QObject::tr("CSV export cancelled.") : QObject::tr("The CSV export failed."),
                cancelled ? QStringList() : QStringList { r.error } };
        });
}

} // namespace CsvExportCommand
