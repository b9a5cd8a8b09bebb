// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzztargets.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <set>

/// Every input a fuzzer ever crashed on (tests/data/fuzz-regressions/<target>/) replayed through the same entry
/// point (fuzz/targets_*.cpp), built with the normal compiler: the asan preset runs it under ASan/UBSan, so a
/// fixed crash stays fixed without clang or libFuzzer. An entry point that breaks a promise (an output past its
/// limit, a failure without a message) aborts, which fails the test.
class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private:
    static QStringList targetNames()
    {
        QFile f(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/fuzz/targets.txt"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QStringList names;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                names << QString::fromLatin1(line.trimmed());
        return names;
    }
    static QString regressions()
    {
        return TestUtils::data(QStringLiteral("fuzz-regressions"));
    }

private Q_SLOTS:
    void registryMatchesTargetList()
    {
        // fuzz/CMakeLists.txt builds one executable per line of targets.txt; each must have an entry point.
        const QStringList names = targetNames();
        QVERIFY(names.size() >= 30);
        std::set<QString> registered;
        for (const FuzzTargets::Target& t : FuzzTargets::all())
            QVERIFY2(registered.insert(QString::fromLatin1(t.name)).second, t.name);
        for (const QString& n : names)
            QVERIFY2(registered.count(n) == 1, qPrintable(n + QStringLiteral(" has no entry point")));
        QCOMPARE(registered.size(), size_t(names.size()));
        // And every regression folder names a target.
        const QStringList folders = QDir(regressions()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& folder : folders)
            QVERIFY2(names.contains(folder), qPrintable(folder + QStringLiteral(" is not a fuzz target")));
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        const QDir root(regressions());
        int rows = 0;
        for (const QString& target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QFileInfo& f : QDir(root.filePath(target)).entryInfoList(QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(target + u'/' + f.fileName())) << target << f.filePath();
                ++rows;
            }
        }
        if (rows == 0)
            QTest::newRow("none") << QString() << QString();
    }
    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        if (target.isEmpty())
            QSKIP("no regression inputs yet");
        const FuzzTargets::Entry entry = FuzzTargets::find(target.toLatin1().constData());
        QVERIFY(entry);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray input = f.readAll();
        // A copy of exactly the input's size, so a read past its end is caught under ASan.
        std::vector<uint8_t> bytes(input.begin(), input.end());
        entry(bytes.data(), bytes.size());
    }

    /// The seeds the targets start from, replayed too (a fast smoke test of every entry point on real input).
    void everyTargetRunsOnSmallInputs()
    {
        for (const FuzzTargets::Target& t : FuzzTargets::all()) {
            for (const QByteArray& input : { QByteArray(), QByteArray(1, '\0'), QByteArray(64, '\xff'),
                     QByteArray("{\"a\":[1,2]}"), QByteArray(300, 'A') }) {
                std::vector<uint8_t> bytes(input.begin(), input.end());
                t.run(bytes.data(), bytes.size());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
