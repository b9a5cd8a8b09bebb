// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Every file of ../shared/corpus (real captures, many broken or odd on purpose) is imported: none may crash
// or hang, and each failure must be one specific message naming the file. The table of results is written to
// the build folder (corpus-sweep.tsv) for the record.
#include "pipeline/captureimport.h"
#include "store/investigation.h"
#include "testutils.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QtConcurrent>

#include <cstdio>
#include <cstdlib>

using namespace TestUtils;

class TestCorpusSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyFileImportsOrFailsClearly()
    {
        const QString root = corpus(QString());
        if (root.isEmpty())
            QSKIP("../shared/corpus is not here");
        QStringList files;
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (!f.endsWith(QStringLiteral("MANIFEST.tsv")))
                files.append(f);
        }
        files.sort();
        QVERIFY(files.size() > 100);

        Scratch scratch;
        QFile table(QStringLiteral("corpus-sweep.tsv"));
        QVERIFY(table.open(QIODevice::WriteOnly));
        table.write("file\tformat\tresult\tflows\tconnections\twarnings\tmilliseconds\n");
        int imported = 0, refused = 0, n = 0;
        QMap<QString, int> byFormat;
        for (const QString& file : files) {
            const QString name = QFileInfo(file).fileName();
            const QString invPath = scratch.path(QStringLiteral("sweep-%1.leakscope").arg(n++));
            QElapsedTimer timer;
            timer.start();
            QFuture<ImportOutcome> future = QtConcurrent::run([invPath, file] {
                auto inv = Investigation::open(invPath, Investigation::OpenMode::Create);
                return importCapture(*inv, { file, {}, {}, {} });
            });
            // A hang is a failure; the stuck worker cannot be stopped, so the process ends here.
            if (!QTest::qWaitFor([&] { return future.isFinished(); }, 120000)) {
                fprintf(stderr, "FAIL: %s did not finish within 120 s\n", qPrintable(name));
                std::_Exit(1);
            }
            const ImportOutcome r = future.result();
            const qint64 ms = timer.elapsed();
            const QString relative = QDir(root).relativeFilePath(file);
            if (r.ok) {
                ++imported;
                byFormat[CaptureFormats::id(r.format)]++;
            } else {
                ++refused;
                // One line, starting with the file name, saying something specific.
                QVERIFY2(r.error.startsWith(name + QStringLiteral(": ")), qPrintable(r.error));
                QVERIFY2(!r.error.contains(u'\n'), qPrintable(r.error));
                QVERIFY2(r.error.size() > name.size() + 12, qPrintable(r.error));
                QVERIFY2(!r.error.contains(QStringLiteral("internal")), qPrintable(r.error));
            }
            table.write(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\t%7\n")
                            .arg(relative, CaptureFormats::id(r.format),
                                r.ok ? QStringLiteral("imported") : r.error.mid(name.size() + 2))
                            .arg(r.flows)
                            .arg(r.connections)
                            .arg(r.warnings.size())
                            .arg(ms)
                            .toUtf8());
            QFile::remove(invPath);
        }
        QString formats;
        for (auto it = byFormat.cbegin(); it != byFormat.cend(); ++it)
            formats += QStringLiteral(" %1=%2").arg(it.key()).arg(it.value());
        qInfo("%d files: %d imported (%s ), %d refused with a message; details in %s", static_cast<int>(files.size()),
            imported, qPrintable(formats), refused, qPrintable(QFileInfo(table).absoluteFilePath()));
    }
};

QTEST_GUILESS_MAIN(TestCorpusSweep)
#include "tst_corpussweep.moc"
