// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: `leakscope identifiers` (EXPORT.md) and the findings section of `leakscope export`.
#include "testutils.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace TestUtils;

namespace {

QString writeFile(const Scratch& scratch, const QString& name, const QByteArray& content)
{
    const QString path = scratch.path(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

QJsonArray findings(const QString& inv, const QStringList& extra = {})
{
    const ProcessResult r = runLeakscope(QStringList { QStringLiteral("export"), QStringLiteral("-i"), inv,
                                             QStringLiteral("--json"), QStringLiteral("-") }
        + extra);
    return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("findings")).toArray();
}

} // namespace

class TestCliIdentifiers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addListReplace();
    void refusesBadFiles_data();
    void refusesBadFiles();
};

void TestCliIdentifiers::addListReplace()
{
    Scratch scratch;
    const QString inv = scratch.path(QStringLiteral("case.leakscope"));
    const ProcessResult imported =
        runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), inv, QStringLiteral("--app"),
            QStringLiteral("Vidzy"), QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/demo/vidzy-session.har") });
    QCOMPARE(imported.exitCode, 0);
    // Without identifiers: the email is found by shape (medium), no known identifier.
    const QJsonArray before = findings(inv);
    QVERIFY(!before.isEmpty());
    for (const QJsonValue& v : before)
        QVERIFY(v[QStringLiteral("known_identifier")].isNull());

    const QString known = writeFile(scratch, QStringLiteral("known.json"),
        R"([{"label": "my test email", "category": "identity.email", "value": "zq7.reporter@example.org"},
                                        {"label": "home", "category": "location.precise", "value": "37.4419,-122.1430"},
                                        {"label": "canary caption", "category": "content.draft_text", "value": "purple-giraffe-4471"}])");
    const ProcessResult added = runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv, known });
    QCOMPARE(added.exitCode, 0);
    QVERIFY2(added.out.startsWith(QStringLiteral("known identifiers: 3 added, 0 updated, 0 unchanged; findings: ")),
        qPrintable(added.out));
    const QJsonArray after = findings(inv);
    QSet<QString> labels;
    for (const QJsonValue& v : after) {
        if (!v[QStringLiteral("known_identifier")].isNull()) {
            labels.insert(v[QStringLiteral("known_identifier")].toString());
            QCOMPARE(v[QStringLiteral("confidence")].toString(), QStringLiteral("high"));
        }
    }
    QCOMPARE(labels,
        (QSet<QString> { QStringLiteral("my test email"), QStringLiteral("home"), QStringLiteral("canary caption") }));
    // The hashed email to Meta is only found through the identifier.
    bool hashed = false;
    for (const QJsonValue& v : after)
        hashed |= v[QStringLiteral("variant")].toString() == u"SHA-256 (hex) of the normalised email";
    QVERIFY(hashed);

    // Same file again: nothing new; a new label for the same value is an update.
    QVERIFY(runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv, known })
                .out.startsWith(QStringLiteral("known identifiers: 0 added, 0 updated, 3 unchanged")));
    const QString relabel = writeFile(scratch, QStringLiteral("relabel.json"),
        R"([{"label": "reporter email", "category": "identity.email", "value": "zq7.reporter@example.org"}])");
    QVERIFY(runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv, relabel })
                .out.startsWith(QStringLiteral("known identifiers: 0 added, 1 updated")));

    // --list prints the stored identifiers in the same JSON format.
    const ProcessResult list =
        runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv, QStringLiteral("--list") });
    QCOMPARE(list.exitCode, 0);
    const QJsonArray listed = QJsonDocument::fromJson(list.out.toUtf8()).array();
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed[0][QStringLiteral("label")].toString(), QStringLiteral("reporter email"));

    // --replace drops the others; the findings follow.
    QCOMPARE(
        runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv, QStringLiteral("--replace"), relabel })
            .exitCode,
        0);
    labels.clear();
    for (const QJsonValue& v : findings(inv))
        if (!v[QStringLiteral("known_identifier")].isNull())
            labels.insert(v[QStringLiteral("known_identifier")].toString());
    QCOMPARE(labels, QSet<QString> { QStringLiteral("reporter email") });

    // The export filters by category and confidence.
    const QJsonArray emails = findings(inv,
        { QStringLiteral("--category"), QStringLiteral("identity.email"), QStringLiteral("--min-confidence"),
            QStringLiteral("high") });
    QVERIFY(!emails.isEmpty());
    for (const QJsonValue& v : emails) {
        QCOMPARE(v[QStringLiteral("category")].toString(), QStringLiteral("identity.email"));
        QCOMPARE(v[QStringLiteral("confidence")].toString(), QStringLiteral("high"));
    }
    const ProcessResult bad = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), inv,
        QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--min-confidence"), QStringLiteral("certain") });
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains(QStringLiteral("--min-confidence: \"certain\" is not low, medium or high")));
}

void TestCliIdentifiers::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown category") << QByteArray(R"([{"label":"a","category":"identity.mail","value":"a@b.org"}])")
                                      << QStringLiteral(
                                             "bad.json: entry 1 (\"a\"): unknown category \"identity.mail\"");
    QTest::newRow("broken JSON") << QByteArray("[{\"label\":")
                                 << QStringLiteral("bad.json: not valid JSON at byte offset");
    QTest::newRow("bad position") << QByteArray(
        R"([{"label":"home","category":"location.precise","value":"north pole"}])")
                                  << QStringLiteral("\"lat,lon\"");
}

void TestCliIdentifiers::refusesBadFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    Scratch scratch;
    const QString inv = scratch.path(QStringLiteral("case.leakscope"));
    QCOMPARE(runLeakscope({ QStringLiteral("import"), QStringLiteral("-i"), inv,
                              data(QStringLiteral("detect/httpolice__firefox_post_form.har")) })
                 .exitCode,
        0);
    const ProcessResult r = runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv,
        writeFile(scratch, QStringLiteral("bad.json"), content) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(runLeakscope({ QStringLiteral("identifiers"), QStringLiteral("-i"), inv }).exitCode, 2); // no file
}

QTEST_GUILESS_MAIN(TestCliIdentifiers)
#include "tst_cli_identifiers.moc"
