// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF summary: the report model (sections, redaction, hashes) and the PDF itself, read back with pdftotext.
#include "common/hashing.h"
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "pdf/reportexport.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/redactor.h"
#include "report/reportbuilder.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "store/knownidentifiers.h"
#include "testutils.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace TestUtils;

namespace {

QString pdfText(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfInfo(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), { pdf });
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;
    QString m_path;
    QString m_demo;

    /// What the demo report must say, computed from the store independently of the report code.
    struct Expected
    {
        int companies = 0;
        int countries = 0;
        int categories = 0;
    };
    Expected expectedForDemo(Investigation& inv)
    {
        Expected e;
        QSet<QString> entities;
        for (const auto& d : DestinationQuery::load(inv.db()))
            if (!d.destination->entityId.isEmpty())
                entities.insert(d.destination->entityId);
        e.companies = static_cast<int>(entities.size());
        for (const auto& [code, traffic] : DestinationQuery::countryTraffic(inv.db()))
            e.countries += code.isEmpty() ? 0 : 1;
        QSet<QString> categories;
        for (const auto& f : FindingStore::deduplicated(inv.db(), {}))
            categories.insert(f.category);
        e.categories = static_cast<int>(categories.size());
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_scratch.path(QStringLiteral("report.leakscope"));
        auto inv = Investigation::open(m_path, Investigation::OpenMode::Create);
        inv->setProperty(QStringLiteral("title"), QStringLiteral("Tracker check"));
        inv->setProperty(QStringLiteral("reporter"), QStringLiteral("Desk Reporter"));
        inv->setProperty(QStringLiteral("notes"),
            QStringLiteral("Captured with Firefox devtools; contact me at zq7.reporter@example.org"));
        QVERIFY(importCapture(*inv,
            { data(QStringLiteral("har/httpolice__firefox_gif.har")), QStringLiteral("Firefox"),
                QStringLiteral("run A"), {} })
                    .ok);
        inv->db().exec("INSERT INTO known_identifiers (label, category, value) VALUES ('my email', 'identity.email', "
                       "'zq7.reporter@example.org')");
        FlowNotes::set(inv->db(), { 2, QStringLiteral("Tracker sync; session=ab12cd34ef56gh78 seen here"), true, 0 });
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void demoModelHasEverySection()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const Report::Model model = Report::build(*inv, {});
        const QString text = model.plainText();
        QStringList headings;
        int figures = 0, excerpts = 0;
        for (const Report::Block& b : model.blocks) {
            if (const auto* h = std::get_if<Report::Heading>(&b))
                headings << h->text;
            if (const auto* f = std::get_if<Report::Figure>(&b)) {
                ++figures;
                QVERIFY2(!f->caption.isEmpty(), qPrintable(f->kind)); // every chart has a caption
            }
            if (const auto* e = std::get_if<Report::Excerpt>(&b)) {
                ++excerpts;
                QVERIFY(!e->text.isEmpty());
                QVERIFY(e->facts.size() >= 3);
            }
        }
        for (const char* heading : { "Summary of findings", "Where the data goes", "Companies and their jurisdictions",
                 "Server countries", "Every host", "What personal data goes",
                 "The strongest evidence for each category", "Uploads before Post", "What could not be seen",
                 "Methodology", "Reference data used", "Chain of custody" })
            QVERIFY2(headings.contains(QLatin1String(heading)), heading);
        // The demo has a discarded and a posted run: the comparison is in the report.
        QVERIFY(std::any_of(headings.begin(), headings.end(),
            [](const QString& h) { return h.startsWith(QStringLiteral("Draft discarded (capture ")); }));
        // One map per report part, one timeline per capture with uploads, each with its caption.
        QVERIFY(figures >= 2);
        QVERIFY(std::any_of(model.blocks.begin(), model.blocks.end(), [](const Report::Block& b) {
            const auto* f = std::get_if<Report::Figure>(&b);
            return f && f->kind == u"map" && !f->data.value(QStringLiteral("values")).toObject().isEmpty();
        }));
        const Expected e = expectedForDemo(*inv);
        QVERIFY(e.companies > 1 && e.countries > 1 && e.categories > 1);
        QCOMPARE(excerpts, e.categories); // one strongest excerpt per category
        QVERIFY2(
            text.contains(QStringLiteral("Sent data to %1 companies").arg(e.companies)), qPrintable(text.left(4000)));
        QVERIFY(text.contains(QStringLiteral("Servers in %1 countries received the data").arg(e.countries)));
        // Redaction: none of the investigator's planted identifiers appears anywhere.
        const auto known = KnownIdentifierStore::list(inv->db());
        QVERIFY(!known.empty());
        for (const auto& k : known) {
            if (k.value.size() >= 6 && k.category != u"location.precise")
                QVERIFY2(!text.contains(k.value, Qt::CaseInsensitive), qPrintable(k.label));
        }
        QCOMPARE(model.contentSha256, QString::fromLatin1(Digest::sha256Hex(model.canonicalText().toUtf8())));
        for (const auto& cap : inv->captures())
            QVERIFY(text.contains(cap.sha256));
    }

    void demoPdfReadsBack()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const QString pdf = m_scratch.path(QStringLiteral("demo.pdf"));
        const ReportExport::Outcome out = ReportExport::write(*inv, {}, pdf);
        QVERIFY2(out.ok, qPrintable(out.error));
        // pdftotext without -layout keeps sentences on one line when they wrap, so join the lines.
        QProcess p;
        p.start(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
        p.waitForFinished(30000);
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
        const Expected e = expectedForDemo(*inv);
        for (const QString& needle :
            { QStringLiteral("Summary of findings"), QStringLiteral("Companies and their jurisdictions"),
                QStringLiteral("Server countries"), QStringLiteral("What personal data goes"),
                QStringLiteral("Uploads before Post"), QStringLiteral("What could not be seen"),
                QStringLiteral("Chain of custody"), QStringLiteral("Sent data to %1 companies").arg(e.companies),
                QStringLiteral("Servers in %1 countries received the data").arg(e.countries),
                QStringLiteral("Figure 1."), QStringLiteral("bytes sent: none"),
                QStringLiteral("Report content SHA-256: %1").arg(out.contentSha256) })
            QVERIFY2(text.contains(needle), qPrintable(needle));
        QVERIFY2(!text.contains(QStringLiteral("(cut short)")), "no table row or excerpt of the demo needs cutting");
    }

    void redactorMasksSecrets_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("known identifier") << "mail zq7.reporter@example.org now"
                                          << "mail zq•••rg now";
        QTest::newRow("upper case") << "ZQ7.REPORTER@EXAMPLE.ORG"
                                    << "ZQ•••RG";
        QTest::newRow("url encoded") << "e=zq7.reporter%40example.org"
                                     << "e=zq•••rg";
        QTest::newRow("jwt") << "t eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefgh"
                             << "t ey•••gh";
        QTest::newRow("bearer") << "Authorization: Bearer abcdef123456789"
                                << "Authorization: Bearer ab•••89";
        QTest::newRow("session param") << "https://x.example/a?sessionid=abcd1234efgh&x=1"
                                       << "https://x.example/a?sessionid=ab•••gh&x=1";
        QTest::newRow("short value") << "token=abcd12"
                                     << "token=•••";
        QTest::newRow("label with a session word") << "Session: start-up, log-in, feed"
                                                   << "Session: start-up, log-in, feed";
        QTest::newRow("session header") << "Session: ab12cd34ef"
                                        << "Session: ab•••ef";
        QTest::newRow("json token") << "{\"session_token\": \"a1b2c3d4e5\"}"
                                    << "{\"session_token\": \"a1•••e5\"}";
        QTest::newRow("ordinary text") << "Sent data to 14 companies"
                                       << "Sent data to 14 companies";
    }
    void redactorMasksSecrets()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const Redactor r({ QStringLiteral("zq7.reporter@example.org") });
        QCOMPARE(r.apply(input), expected);
        QCOMPARE(Redactor({}, false).apply(input), input);
    }

    void modelHasEverySectionAndIsRedacted()
    {
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        Report::Options options;
        const Report::Model model = Report::build(*inv, options);
        const QString text = model.plainText();
        for (const char* heading :
            { "Summary of findings", "Where the data goes", "What could not be seen",
                "Investigator's notes and bookmarked flows", "Methodology", "Reference data used", "Chain of custody" })
            QVERIFY2(text.contains(QLatin1String(heading)), heading);
        QVERIFY(text.contains(QStringLiteral("Desk Reporter")));
        QVERIFY(text.contains(QStringLiteral("The app sent 8 readable requests to 4 different hosts.")));
        // The capture's SHA-256 is in the chain of custody, unredacted.
        QVERIFY(text.contains(inv->captures().at(0).sha256));
        // Redaction: the investigator's email and the session id in the note are masked everywhere.
        QVERIFY(!text.contains(QStringLiteral("zq7.reporter@example.org")));
        QVERIFY(!text.contains(QStringLiteral("ab12cd34ef56gh78")));
        QVERIFY(text.contains(QStringLiteral("★ Tracker sync; session=ab•••78 seen here")));
        QCOMPARE(model.contentSha256, QString::fromLatin1(Digest::sha256Hex(model.canonicalText().toUtf8())));

        options.redact = false;
        const Report::Model internal = Report::build(*inv, options);
        QVERIFY(internal.plainText().contains(QStringLiteral("zq7.reporter@example.org")));
        QVERIFY(internal.plainText().contains(QStringLiteral("OFF: this copy contains secrets")));
        QVERIFY(internal.contentSha256 != model.contentSha256);
    }

    void onePartPerApp()
    {
        // Two apps in one investigation: the per-app sections appear once per app, named, and the summary says
        // which app each sentence is about.
        const QString path = m_scratch.path(QStringLiteral("two-apps.leakscope"));
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        QVERIFY(importCapture(
            *inv, { data(QStringLiteral("har/httpolice__firefox_gif.har")), QStringLiteral("Firefox"), {}, {} })
                    .ok);
        QVERIFY(importCapture(*inv,
            { data(QStringLiteral("har/pollyjs__rest-persister_recording.har")), QStringLiteral("Polly"), {}, {} })
                    .ok);
        const Report::Model model = Report::build(*inv, {});
        QStringList headings;
        for (const Report::Block& b : model.blocks) {
            if (const auto* h = std::get_if<Report::Heading>(&b))
                headings << h->text;
        }
        for (const QString& app : { QStringLiteral("Firefox"), QStringLiteral("Polly") }) {
            for (const QString& chapter : { QStringLiteral("Where the data goes"),
                     QStringLiteral("What personal data goes"), QStringLiteral("Uploads before Post") })
                QVERIFY2(headings.contains(app + QStringLiteral(": ") + chapter), qPrintable(app + u' ' + chapter));
            QVERIFY2(model.plainText().contains(app + QStringLiteral(": The app sent ")), qPrintable(app));
        }
        QCOMPARE(headings.count(QStringLiteral("Chain of custody")), 1);
        // Limited to one app, the report has one part and no app prefix.
        Report::Options one;
        one.appName = QStringLiteral("Polly");
        const Report::Model single = Report::build(*inv, one);
        QVERIFY(single.plainText().contains(QStringLiteral("\nWhere the data goes\n")));
        QVERIFY(!single.plainText().contains(QStringLiteral("Firefox: ")));
    }

    void unknownAppIsAnError()
    {
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        Report::Options options;
        options.appName = QStringLiteral("Nope");
        QString error;
        const Report::Model model = Report::build(*inv, options, &error);
        QCOMPARE(error, QStringLiteral("no app \"Nope\" in this investigation"));
        QVERIFY(model.blocks.empty());
    }

    void pdfReadsBack_data()
    {
        QTest::addColumn<QString>("pageSize");
        QTest::addColumn<QString>("pdfinfoSize");
        QTest::newRow("A4") << "A4"
                            << "595 x 842 pts (A4)";
        QTest::newRow("Letter") << "Letter"
                                << "612 x 792 pts (letter)";
    }
    void pdfReadsBack()
    {
        QFETCH(QString, pageSize);
        QFETCH(QString, pdfinfoSize);
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadOnly);
        Report::Options options;
        options.pageSize = pageSize;
        const QString pdf = m_scratch.path(QStringLiteral("report-%1.pdf").arg(pageSize));
        const ReportExport::Outcome out = ReportExport::write(*inv, options, pdf);
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(out.pages >= 5);
        const QString text = pdfText(pdf);
        QVERIFY(text.contains(QStringLiteral("Summary of findings")));
        QVERIFY(text.contains(QStringLiteral("Chain of custody")));
        QVERIFY(text.contains(QStringLiteral("cm.g.doubleclick.net")));
        QVERIFY(text.contains(QStringLiteral("Report content SHA-256: %1").arg(out.contentSha256)));
        QVERIFY(!text.contains(QStringLiteral("zq7.reporter@example.org")));
        // SHA-256 values are long unbroken strings: they wrap inside their cell rather than overflow it.
        QVERIFY(text.contains(inv->captures().at(0).sha256.left(20)));
        QVERIFY(pdfInfo(pdf).contains(pdfinfoSize));
        QVERIFY(pdfInfo(pdf).contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(out.pages))));
        // Fonts are embedded, so the PDF reads the same everywhere.
        QProcess fonts;
        fonts.start(QStringLiteral("pdffonts"), { pdf });
        fonts.waitForFinished(30000);
        const QStringList lines =
            QString::fromUtf8(fonts.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts).mid(2);
        QVERIFY(!lines.isEmpty());
        for (const QString& line : lines)
            QVERIFY2(line.contains(QStringLiteral(" yes ")), qPrintable(line));
        // The sidecar holds the file's SHA-256 in sha256sum's format.
        QFile sidecar(pdf + QStringLiteral(".sha256"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(sidecar.readAll()),
            QString::fromLatin1(Digest::sha256Hex(file.readAll())) + QStringLiteral("  report-%1.pdf\n").arg(pageSize));
    }

    void cliWritesReport()
    {
        const QString pdf = m_scratch.path(QStringLiteral("cli.pdf"));
        const ProcessResult r = runLeakscope({ QStringLiteral("report"), QStringLiteral("-i"), m_path,
            QStringLiteral("--pdf"), pdf, QStringLiteral("--app"), QStringLiteral("Firefox") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(pdf));
        QVERIFY(QFile::exists(pdf + QStringLiteral(".sha256")));
        const ProcessResult bad = runLeakscope({ QStringLiteral("report"), QStringLiteral("-i"), m_path,
            QStringLiteral("--pdf"), pdf, QStringLiteral("--app"), QStringLiteral("Nope") });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("no app \"Nope\" in this investigation")), qPrintable(bad.err));
    }
};

QTEST_MAIN(TestReport)
#include "tst_gui_report.moc"
