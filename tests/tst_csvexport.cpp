// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// CSV exports (issue 9): the RFC 4180 writer's quoting, and the four tables of the demo against the store, with
// and without a filter, from the library and the command line.
#include "detect/findingstore.h"
#include "enrich/destinationquery.h"
#include "pipeline/captureimport.h"
#include "pipeline/demo.h"
#include "report/csvexport.h"
#include "report/csvwriter.h"
#include "store/flowquery.h"
#include "store/investigation.h"
#include "testutils.h"
#include "uploads/uploadstore.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QTest>

using namespace TestUtils;

namespace {

/// A strict RFC 4180 reader for the tests: records end with CRLF, quoted fields may hold anything.
/// Returns false on a bare LF or CR outside quotes, or text after a closing quote.
bool parseCsv(const QByteArray& bytes, std::vector<QStringList>* records)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return false;
    QStringList record;
    QString field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                return false;
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n')
                return false;
            ++i;
            record << field;
            records->push_back(record);
            record.clear();
            field.clear();
            wasQuoted = false;
        } else if (c == u'\n') {
            return false;
        } else {
            if (wasQuoted)
                return false;
            field += c;
        }
    }
    return !quoted && field.isEmpty() && record.isEmpty();
}

std::vector<QStringList> readCsv(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<QStringList> records;
    if (!parseCsv(f.readAll(), &records))
        return {};
    return records;
}

} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;
    QString m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void escaping_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QStringLiteral("tracker.example") << QByteArray("tracker.example");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("only quotes") << QStringLiteral("\"\"") << QByteArray("\"\"\"\"\"\"");
        QTest::newRow("newline") << QStringLiteral("line 1\nline 2") << QByteArray("\"line 1\nline 2\"");
        QTest::newRow("crlf") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QByteArray("\"a\rb\"");
        QTest::newRow("leading space") << QStringLiteral(" x") << QByteArray("\" x\"");
        QTest::newRow("semicolon and tab stay bare") << QStringLiteral("a;b\tc") << QByteArray("a;b\tc");
        QTest::newRow("unicode") << QStringLiteral("Zürich 東京 🎥") << QString::fromUtf8("Zürich 東京 🎥").toUtf8();
        QTest::newRow("lone surrogate") << (QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b"))
                                        << QByteArray("a\xEF\xBF\xBD"
                                                      "b");
        QTest::newRow("nul") << (QStringLiteral("a") + QChar(0) + QStringLiteral("b"))
                             << QByteArray("a\xEF\xBF\xBD"
                                           "b");
        QTest::newRow("formula stays as is")
            << QStringLiteral("=HYPERLINK(\"x\")") << QByteArray("\"=HYPERLINK(\"\"x\"\")\"");
    }
    void escaping()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(CsvWriter::escape(value), expected);
    }

    void writerRoundTrips()
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        CsvWriter w(buffer);
        w.row({ QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3") });
        w.field(QStringLiteral("a,\"b\"\r\nc"));
        w.field(qint64(-42));
        w.timestamp(1763647385250000);
        w.endRow();
        w.field(QString());
        w.field(true);
        w.timestamp(0);
        w.endRow();
        QVERIFY(w.finish());
        QCOMPARE(w.rows(), 3);
        QVERIFY(bytes.endsWith("\r\n"));
        std::vector<QStringList> records;
        QVERIFY(parseCsv(bytes, &records));
        QCOMPARE(records.size(), size_t(3));
        QCOMPARE(records[1],
            (QStringList {
                QStringLiteral("a,\"b\"\r\nc"), QStringLiteral("-42"), QStringLiteral("2025-11-20T14:03:05.250Z") }));
        QCOMPARE(records[2], (QStringList { QString(), QStringLiteral("true"), QString() }));
    }

    void demoTablesMatchTheStore()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const QString dir = m_scratch.path(QStringLiteral("all/nested"));
        const CsvExport::Result r = CsvExport::writeAll(*inv, dir, {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.files.size(), 4);
        const qint64 expected[4] = { static_cast<qint64>(DestinationQuery::load(inv->db()).size()),
            static_cast<qint64>(FindingStore::deduplicated(inv->db(), {}).size()),
            static_cast<qint64>(UploadStore::sessions(inv->db()).size()),
            static_cast<qint64>(FlowQuery::ids(inv->db(), {}).size()) };
        const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z$"));
        for (size_t i = 0; i < CsvExport::allTables.size(); ++i) {
            const CsvExport::Table table = CsvExport::allTables[i];
            const std::vector<QStringList> records = readCsv(QDir(dir).filePath(CsvExport::fileName(table)));
            QVERIFY2(!records.empty(), qPrintable(CsvExport::fileName(table)));
            QCOMPARE(records.front(), CsvExport::columns(table));
            QVERIFY2(expected[i] > 0, qPrintable(CsvExport::fileName(table)));
            QCOMPARE(static_cast<qint64>(records.size()) - 1, expected[i]);
            QCOMPARE(r.rows[i], expected[i]);
            const QStringList header = records.front();
            for (size_t row = 1; row < records.size(); ++row) {
                QCOMPARE(records[row].size(), header.size());
                for (int col = 0; col < header.size(); ++col) {
                    const QString& name = header.at(col);
                    const QString& value = records[row].at(col);
                    if ((name == u"timestamp" || name == u"first_seen" || name == u"started") && !value.isEmpty())
                        QVERIFY2(iso.match(value).hasMatch(), qPrintable(name + u'=' + value));
                }
            }
        }
        // Spot checks against the store: the first destination, by column name.
        const auto destinations = DestinationQuery::load(inv->db());
        const std::vector<QStringList> rows = readCsv(QDir(dir).filePath(QStringLiteral("destinations.csv")));
        const QStringList header = rows.front();
        QCOMPARE(rows[1].at(header.indexOf(QStringLiteral("host"))), destinations.front().destination->host);
        QCOMPARE(
            rows[1].at(header.indexOf(QStringLiteral("bytes_sent"))), QString::number(destinations.front().bytesSent));
        QCOMPARE(rows[1].at(header.indexOf(QStringLiteral("countries"))), destinations.front().countries.join(u' '));
    }

    void filterIsRespected()
    {
        auto inv = Investigation::open(m_demo, Investigation::OpenMode::ReadOnly);
        const auto all = FindingStore::deduplicated(inv->db(), {});
        QVERIFY(!all.empty());
        Data::Filter filter;
        filter.categories = { all.front().category };
        filter.minConfidence = QStringLiteral("medium");
        const QString dir = m_scratch.path(QStringLiteral("filtered"));
        const CsvExport::Result r = CsvExport::writeAll(*inv, dir, filter);
        QVERIFY2(r.ok, qPrintable(r.error));
        const std::vector<QStringList> findings = readCsv(QDir(dir).filePath(QStringLiteral("findings.csv")));
        const qsizetype category = findings.front().indexOf(QStringLiteral("category"));
        const qsizetype confidence = findings.front().indexOf(QStringLiteral("confidence"));
        QCOMPARE(static_cast<qint64>(findings.size()) - 1,
            static_cast<qint64>(FindingStore::deduplicated(inv->db(), filter).size()));
        QVERIFY(findings.size() - 1 < all.size() + 1);
        for (size_t i = 1; i < findings.size(); ++i) {
            QCOMPARE(findings[i].at(category), all.front().category);
            QVERIFY(findings[i].at(confidence) != u"low");
        }
        // Flows follow the same filter: only flows with such a finding.
        const std::vector<QStringList> flows = readCsv(QDir(dir).filePath(QStringLiteral("flows.csv")));
        QCOMPARE(static_cast<qint64>(flows.size()) - 1, static_cast<qint64>(FlowQuery::ids(inv->db(), filter).size()));
        QVERIFY(flows.size() - 1 < FlowQuery::ids(inv->db(), {}).size());
    }

    void capturedBytesStayValidUtf8()
    {
        // A HAR whose URL, header and comment hold invalid UTF-8, a comma, quotes and a line break.
        const QString har = m_scratch.path(QStringLiteral("odd.har"));
        QFile f(har);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"t\",\"version\":\"1\"},\"entries\":[{"
            "\"startedDateTime\":"
            "\"2026-11-20T14:03:05.250Z\",\"time\":1,\"request\":{\"method\":\"GET\",\"url\":\"https://odd.example/"
            "p?q=a,\\\"b\\\"\xff\xfe"
            "&n=x%0Ay\",\"httpVersion\":\"HTTP/"
            "1.1\",\"headers\":[{\"name\":\"X-Odd\",\"value\":\"\xc3\x28\"}],\"queryString\":[],"
            "\"cookies\":[],\"headersSize\":-1,\"bodySize\":0},\"response\":{\"status\":200,\"statusText\":\"OK\","
            "\"httpVersion\":"
            "\"HTTP/1.1\",\"headers\":[],\"cookies\":[],\"content\":{\"size\":0,\"mimeType\":\"text/"
            "plain\"},\"redirectURL\":\"\","
            "\"headersSize\":-1,\"bodySize\":0},\"cache\":{},\"timings\":{\"send\":0,\"wait\":1,\"receive\":0}}]}}");
        f.close();
        const QString path = m_scratch.path(QStringLiteral("odd.leakscope"));
        auto inv = Investigation::open(path, Investigation::OpenMode::Create);
        QVERIFY(importCapture(*inv, { har, QStringLiteral("Odd"), {}, {} }).ok);
        const QString dir = m_scratch.path(QStringLiteral("odd"));
        QVERIFY(CsvExport::writeAll(*inv, dir, {}).ok);
        const std::vector<QStringList> flows = readCsv(QDir(dir).filePath(QStringLiteral("flows.csv")));
        QCOMPARE(flows.size(), size_t(2)); // readCsv also checks the UTF-8
        const QString url = flows[1].at(flows.front().indexOf(QStringLiteral("url")));
        QVERIFY2(url.startsWith(QStringLiteral("https://odd.example/p?q=a,\"b\"")), qPrintable(url));
    }

    void cliWritesTheFolder()
    {
        const QString dir = m_scratch.path(QStringLiteral("cli/out"));
        const ProcessResult r = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), m_demo,
            QStringLiteral("--csv"), dir, QStringLiteral("--app"), QStringLiteral("Vidzy") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        for (const CsvExport::Table table : CsvExport::allTables)
            QVERIFY(QFile::exists(QDir(dir).filePath(CsvExport::fileName(table))));
        QVERIFY2(r.err.contains(QStringLiteral("flows.csv (")), qPrintable(r.err));

        const ProcessResult none = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), m_demo });
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(QStringLiteral("--csv FOLDER")), qPrintable(none.err));
        const ProcessResult badApp =
            runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), m_demo, QStringLiteral("--csv"),
                m_scratch.path(QStringLiteral("never")), QStringLiteral("--app"), QStringLiteral("Nope") });
        QCOMPARE(badApp.exitCode, 1);
        QVERIFY(!QFileInfo::exists(m_scratch.path(QStringLiteral("never"))));
        // A folder that cannot be created (a file is in the way) is a clear error.
        QFile blocker(m_scratch.path(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const ProcessResult blocked = runLeakscope({ QStringLiteral("export"), QStringLiteral("-i"), m_demo,
            QStringLiteral("--csv"), m_scratch.path(QStringLiteral("blocker/sub")) });
        QCOMPARE(blocked.exitCode, 1);
        QVERIFY2(blocked.err.contains(QStringLiteral("cannot create the folder")), qPrintable(blocked.err));
    }
};

QTEST_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
