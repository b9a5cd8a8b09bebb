// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/httputil.h"
#include "ingest/captureformat.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace TestUtils;

namespace {

/// Rows of a TSV Zeek log or lines of a JSON one, counted independently of the importer.
int dataRows(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    QByteArray all = f.readAll();
    if (all.startsWith("\x1F\x8B"))
        return -1;
    int rows = 0;
    for (const QByteArray& line : all.split('\n')) {
        if (!line.trimmed().isEmpty() && !line.startsWith('#'))
            ++rows;
    }
    return rows;
}

const char* const kConnHeader =
    "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n"
    "#open\t2026-01-01-10-00-00\n"
    "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_"
    "bytes\tconn_state\torig_pkts\tresp_pkts\n"
    "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tcount\tcount\n";

QString write(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

} // namespace

class TestZeekImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("flows");
        QTest::addColumn<int>("connections");
        QTest::addColumn<int>("answers");
        QTest::addColumn<QString>("producer");
        QTest::newRow("conn TSV (ICMP skipped)") << "rita__proxy_conn.log" << 0 << 407 << 0 << "Zeek (conn log, TSV)";
        QTest::newRow("http TSV via a proxy") << "rita__proxy_http.log" << 407 << 0 << 0 << "Zeek (http log, TSV)";
        QTest::newRow("http TSV gzipped, rotated")
            << "rita__proxy_rolling_http.15-00-00-16-00-00.log.gz" << 43 << 0 << 0 << "Zeek (http log, TSV)";
        QTest::newRow("conn JSON") << "rita__json_with_all_fields_conn.log" << 0 << 29 << 0 << "Zeek (conn log, JSON)";
        QTest::newRow("http JSON") << "rita__json_with_all_fields_http.log" << 10 << 0 << 0 << "Zeek (http log, JSON)";
        QTest::newRow("dns JSON") << "rita__json_with_all_fields_dns.log" << 0 << 0 << 1 << "Zeek (dns log, JSON)";
        QTest::newRow("ssl JSON next to conn")
            << "rita__json_with_all_fields_ssl.log" << 0 << 0 << 0 << "Zeek (ssl log, JSON)";
        QTest::newRow("open_ssl gzipped")
            << "rita__open_sni_open_ssl.17_37_07-18_00_00.log.gz" << 0 << 2 << 0 << "Zeek (ssl log, TSV)";
        QTest::newRow("http with an extra column")
            << "rita__has_unknown_field_http.log" << 4 << 0 << 0 << "Zeek (http log, TSV)";
        QTest::newRow("conn cut mid-record") << "rita__truncated_conn.log" << 0 << 58 << 0 << "Zeek (conn log, TSV)";
        QTest::newRow("mdns, masked times")
            << "zeek__baseline_dns.mdns-no-assoc_dns.log" << 0 << 0 << 3 << "Zeek (dns log, TSV)";
        QTest::newRow("quic") << "zeek__baseline_quic.chromium_quic.log" << 0 << 1 << 0 << "Zeek (quic log, TSV)";
        QTest::newRow("ssl over quic") << "zeek__baseline_quic.chromium_ssl.log" << 0 << 1 << 0
                                       << "Zeek (ssl log, TSV)";
        QTest::newRow("conn") << "zeek__zeekcut_conn.log" << 0 << 5 << 0 << "Zeek (conn log, TSV)";
        QTest::newRow("conn, comma separated")
            << "zeek__zeekcut_conncomma.log" << 0 << 5 << 0 << "Zeek (conn log, TSV)";
    }
    void fixtures()
    {
        QFETCH(QString, file);
        QFETCH(int, flows);
        QFETCH(int, connections);
        QFETCH(int, answers);
        QFETCH(QString, producer);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(data(QStringLiteral("zeek/") + file), sink, &why), qPrintable(why));
        QCOMPARE(static_cast<int>(sink.flows.size()), flows);
        QCOMPARE(static_cast<int>(sink.connections.size()), connections);
        QCOMPARE(static_cast<int>(sink.dns.size()), answers);
        QCOMPARE(sink.info.producer, producer);
        for (const auto& f : sink.flows) {
            QVERIFY(f.flags & Data::HeadersOnly);
            QVERIFY(f.sourceRef.startsWith(QStringLiteral("zeek:uid=C")));
        }
        for (const auto& c : sink.connections)
            QVERIFY(c.sourceRef.startsWith(QStringLiteral("zeek:uid=C")));
    }

    void rowsAreCountedIndependently()
    {
        // conn rows = connections + ICMP rows; http rows = flows.
        CollectingSink conn, http;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__proxy_conn.log")), conn, &why));
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__proxy_http.log")), http, &why));
        QCOMPARE(static_cast<int>(conn.connections.size()) + 56,
            dataRows(data(QStringLiteral("zeek/rita__proxy_conn.log"))));
        QVERIFY(
            conn.warnings.contains(QStringLiteral("56 connections that are neither TCP nor UDP (ICMP) were skipped")));
        QCOMPARE(static_cast<int>(http.flows.size()), dataRows(data(QStringLiteral("zeek/rita__proxy_http.log"))));
    }

    void proxiedTlsIsEncryptedAndNamedByTheConnect()
    {
        // A Squid proxy: the client sends CONNECT www.google.com:443, then TLS. The conn row is joined with http.log.
        CollectingSink sink;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__proxy_conn.log")), sink, &why));
        const Data::Connection& c = sink.connections.at(0);
        QCOMPARE(c.sourceRef, QStringLiteral("zeek:uid=CXHB1X22027MRWU6D"));
        QCOMPARE(c.transport, QStringLiteral("tcp"));
        QCOMPARE(c.clientIp, QStringLiteral("10.136.0.18"));
        QCOMPARE(c.clientPort, 55548);
        QCOMPARE(c.serverIp, QStringLiteral("10.136.0.16"));
        QCOMPARE(c.serverPort, 3128);
        QCOMPARE(c.bytesUp, qint64(1030));
        QCOMPARE(c.bytesDown, qint64(20275));
        QCOMPARE(c.packetsUp, qint64(18));
        QCOMPARE(c.packetsDown, qint64(14));
        QCOMPARE(c.l7, QStringLiteral("tls"));
        QCOMPARE(c.name, QStringLiteral("www.google.com"));
        QCOMPARE(c.nameSource, QStringLiteral("http-host"));
        QVERIFY(c.flags & Data::Encrypted);
        QCOMPARE(c.firstSeen, Data::Timestamp(1672843056913119));
        QCOMPARE(c.lastSeen, Data::Timestamp(1672843056913119 + 84044));
        QVERIFY(sink.info.notes.contains(QStringLiteral("http.log (rita__proxy_http.log)")));

        CollectingSink http;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__proxy_http.log")), http, &why));
        const Data::Flow& connect = http.flows.at(0);
        QCOMPARE(connect.method, QStringLiteral("CONNECT"));
        QCOMPARE(connect.url, QStringLiteral("www.google.com:443"));
        QVERIFY(connect.flags & Data::Tunnel);
    }

    void cleartextHttpFlows()
    {
        CollectingSink sink;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__json_with_all_fields_http.log")), sink, &why));
        const Data::Flow& f = sink.flows.at(0);
        QCOMPARE(f.method, QStringLiteral("GET"));
        QCOMPARE(f.host, QStringLiteral("gm.mmstat.com"));
        QVERIFY(f.url.startsWith(QStringLiteral("http://gm.mmstat.com/sc.13.1?cache=70ebbd")));
        QCOMPARE(f.status, 200);
        QCOMPARE(f.httpVersion, QStringLiteral("HTTP/1.1"));
        QCOMPARE(f.responseBody.decodedSize, qint64(43));
        QVERIFY(!f.responseBody.present);
        QCOMPARE(f.responseContentType, QStringLiteral("image/gif"));
        QCOMPARE(HttpUtil::headerValue(f.requestHeaders, "user-agent"),
            QByteArray("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"));
        QCOMPARE(HttpUtil::headerValue(f.requestHeaders, "referer"), QByteArray("http://www.alibaba.com/"));
        QCOMPARE(f.sourceRef, QStringLiteral("zeek:uid=CB9DKu4WI1kRo88sj6,trans_depth=1"));
        // Basic-auth credentials Zeek logged are pointed out, the password is not repeated.
        const Data::Flow& withAuth = sink.flows.at(1);
        QCOMPARE(withAuth.comment,
            QStringLiteral("Zeek logged HTTP authentication for the user \"johnsmith123\" and its password"));
    }

    void dnsAnswersFollowCnames()
    {
        CollectingSink sink;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__json_with_all_fields_dns.log")), sink, &why));
        QCOMPARE(sink.dns.size(), size_t(1));
        const QString dir = corpus(QStringLiteral("zeek"));
        if (dir.isEmpty())
            QSKIP("../shared/corpus is not here");
        CollectingSink proxy;
        QVERIFY(importFile(QDir(dir).filePath(QStringLiteral("rita__proxy_dns.log")), proxy, &why));
        QCOMPARE(proxy.dns.size(), size_t(490));
        bool sawChain = false;
        for (const auto& a : proxy.dns) {
            if (a.name == u"edgeapi.slack.com" && a.address == u"54.204.130.107") {
                QCOMPARE(a.cnameChain,
                    QStringLiteral(
                        "edgeapi.slack.com>prod-haproxy-edge-nlb-eip-3f4c246e4b1ed994.elb.us-east-1.amazonaws.com"));
                QCOMPARE(a.ttl, qint64(57)); // the TTL of that answer, not of the first one in the row
                sawChain = true;
                break;
            }
        }
        QVERIFY(sawChain);
    }

    void outOfRangeTtlsAreUnknown()
    {
        // A TTL beyond a 64-bit integer (or not a number) converted as is would be undefined behaviour.
        Scratch scratch;
        const QString path = write(scratch.path(QStringLiteral("dns.log")),
            R"({"ts": 1517336042.2, "uid": "C1", "id.orig_h": "192.168.88.2", "id.orig_p": 5, "id.resp_h": "9.9.9.9", )"
            R"("id.resp_p": 53, "proto": "udp", "query": "a.example", "answers": ["192.0.2.1", "192.0.2.2"], )"
            R"("TTLs": [1e300, 30.0]})"
            "\n");
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.dns.size(), size_t(2));
        QCOMPARE(sink.dns[0].ttl, qint64(0));
        QCOMPARE(sink.dns[1].ttl, qint64(30));
    }

    void oddLogsGetWarnings()
    {
        CollectingSink truncated, mdns, extra;
        QString why;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__truncated_conn.log")), truncated, &why));
        QCOMPARE(truncated.warnings,
            QStringList { QStringLiteral("line 67 has 9 of 21 fields (the file may end mid-record); skipped") });
        QVERIFY(importFile(data(QStringLiteral("zeek/zeek__baseline_dns.mdns-no-assoc_dns.log")), mdns, &why));
        QCOMPARE(mdns.warnings,
            QStringList { QStringLiteral("6 rows have an unreadable time (\"ts\"); their time is unknown") });
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__has_unknown_field_http.log")), extra, &why));
        QCOMPARE(extra.warnings,
            QStringList { QStringLiteral("line 9 has 29 of 30 fields (the file may end mid-record); skipped") });
        CollectingSink ssl;
        QVERIFY(importFile(data(QStringLiteral("zeek/rita__json_with_all_fields_ssl.log")), ssl, &why));
        QCOMPARE(ssl.warnings,
            QStringList { QStringLiteral(
                "this ssl log describes connections of rita__json_with_all_fields_conn.log, next to it: its "
                "server names are joined into that file's connections (by uid) when it is "
                "imported, so nothing is added from this file on its own") });
    }

    void unreadableLogsSaySo_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("dhcp") << "rita__proxy_dhcp.log"
                              << "a Zeek dhcp log, which holds no connections, requests or DNS answers; Leakscope "
                                 "reads Zeek conn, http, dns, ssl, quic and files logs";
        QTest::newRow("kerberos") << "zeek__zeekcut_unset-field.log"
                                  << "a Zeek kerberos log, which holds no connections, requests or DNS answers; "
                                     "Leakscope reads Zeek conn, http, dns, ssl, quic and files logs";
        QTest::newRow("unknown columns") << "zeek__zeekcut_invalid-time.log"
                                         << "a Zeek log with the columns ts, test, which is not one of the logs "
                                            "Leakscope reads (conn, http, dns, ssl, quic, files)";
        QTest::newRow("top cut off")
            << "rita__truncated_conn_top.log"
            << "no importer for unknown (looks like Zeek log rows without the #fields header (the top of the log is "
               "missing), so their columns are unknown; import the complete log)";
        QTest::newRow("column table only")
            << "zeek__baseline_websocket.jupyter-websocket_conn.log"
            << "no importer for unknown (looks like a table of Zeek columns without the Zeek header lines (#separator, "
               "#fields, #types); import the log Zeek wrote)";
    }
    void unreadableLogsSaySo()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(data(QStringLiteral("zeek/") + file), sink, &why));
        QCOMPARE(why, error);
    }

    void joinedBySiblingLogs()
    {
        // A log set of our own: conn.log with ssl.log and http.log next to it.
        Scratch scratch;
        const QString conn = write(scratch.path(QStringLiteral("conn.log")),
            QByteArray(kConnHeader)
                + "1767258000.100000\tCtls1aaaaaaaaaaaaa\t10.0.0.5\t50001\t151.101.1.140\t443\ttcp\tssl\t2."
                  "5\t1200\t560000\tSF\t40\t400\n"
                  "1767258001.000000\tChttpaaaaaaaaaaaaa\t10.0.0.5\t50002\t93.184.216.34\t80\ttcp\thttp\t0."
                  "3\t300\t1500\tSF\t5\t4\n"
                  "1767258002.000000\tCquicaaaaaaaaaaaaa\t10.0.0.5\t50003\t142.250.74.100\t443\tudp\tquic,ssl\t1."
                  "0\t3000\t90000\tSF\t10\t70\n"
                  "1767258003.000000\tCdnsaaaaaaaaaaaaaa\t10.0.0.5\t50004\t9.9.9.9\t53\tudp\tdns\t0."
                  "01\t40\t120\tSF\t1\t1\n"
                  "#close\t2026-01-01-11-00-00\n");
        write(scratch.path(QStringLiteral("ssl.log")),
            "#separator "
            "\\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_"
            "name\tnext_protocol\testablished\n"
            "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\tbool\n"
            "1767258000.150000\tCtls1aaaaaaaaaaaaa\t10.0.0.5\t50001\t151.101.1.140\t443\tTLSv13\tupload.vidzy."
            "example\th2\tT\n");
        write(scratch.path(QStringLiteral("quic.log")),
            "#separator "
            "\\x09\n#path\tquic\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_"
            "name\tclient_protocol\n"
            "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\n"
            "1767258002.000000\tCquicaaaaaaaaaaaaa\t10.0.0.5\t50003\t142.250.74.100\t443\t1\tfirebaselogging."
            "googleapis.com\th3\n");
        write(scratch.path(QStringLiteral("http.log")),
            "#separator "
            "\\x09\n#path\thttp\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_"
            "depth\tmethod\thost\turi\tuser_agent\tstatus_code\tresp_fuids\n"
            "#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\tstring\tstring\tcount\tvector[string]"
            "\n"
            "1767258001.010000\tChttpaaaaaaaaaaaaa\t10.0.0.5\t50002\t93.184.216.34\t80\t1\tGET\texample.com\t/"
            "a\\x20b?c=1\tVidzy/3.2\t200\tFabc123\n");
        write(scratch.path(QStringLiteral("files.log")),
            "#separator \\x09\n#path\tfiles\n#fields\tts\tfuid\tuid\tmime_type\tseen_bytes\n"
            "#types\ttime\tstring\tstring\tstring\tcount\n"
            "1767258001.020000\tFabc123\tChttpaaaaaaaaaaaaa\ttext/html\t1256\n");
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(conn, sink, &why), qPrintable(why));
        QCOMPARE(sink.connections.size(), size_t(4));
        const Data::Connection& tls = sink.connections[0];
        QCOMPARE(tls.name, QStringLiteral("upload.vidzy.example"));
        QCOMPARE(tls.nameSource, QStringLiteral("tls-sni"));
        QCOMPARE(tls.alpn, QStringLiteral("h2"));
        QCOMPARE(tls.l7, QStringLiteral("tls"));
        QCOMPARE(tls.bytesUp, qint64(1200));
        QVERIFY(tls.flags & Data::Encrypted);
        const Data::Connection& http = sink.connections[1];
        QCOMPARE(http.name, QStringLiteral("example.com"));
        QCOMPARE(http.l7, QStringLiteral("http1"));
        QVERIFY(!(http.flags & Data::Encrypted));
        const Data::Connection& quic = sink.connections[2];
        QCOMPARE(quic.transport, QStringLiteral("udp"));
        QCOMPARE(quic.name, QStringLiteral("firebaselogging.googleapis.com"));
        QCOMPARE(quic.nameSource, QStringLiteral("quic-sni"));
        QCOMPARE(quic.alpn, QStringLiteral("h3"));
        QVERIFY(quic.flags & Data::Encrypted);
        QCOMPARE(sink.connections[3].l7, QStringLiteral("dns"));
        QCOMPARE(sink.info.notes,
            QStringLiteral("4 rows, joined with ssl.log (ssl.log), quic.log (quic.log), http.log (http.log)"));

        CollectingSink requests;
        QVERIFY2(importFile(scratch.path(QStringLiteral("http.log")), requests, &why), qPrintable(why));
        QCOMPARE(requests.flows.size(), size_t(1));
        QCOMPARE(requests.flows[0].url, QStringLiteral("http://example.com/a b?c=1")); // \x20 unescaped
        QCOMPARE(requests.flows[0].responseContentType, QStringLiteral("text/html")); // from files.log
        QCOMPARE(requests.flows[0].responseBody.decodedSize, qint64(1256));

        CollectingSink ssl;
        QVERIFY(importFile(scratch.path(QStringLiteral("ssl.log")), ssl, &why));
        QVERIFY(ssl.connections.empty()); // they are conn.log's connections
        CollectingSink files;
        QVERIFY(importFile(scratch.path(QStringLiteral("files.log")), files, &why));
        QCOMPARE(files.warnings,
            QStringList {
                QStringLiteral("this files log adds MIME types and sizes to the requests of http.log, "
                               "next to it, when that file is imported; nothing is added from this file on its own") });
    }

    void missingColumnsAreNamed()
    {
        Scratch scratch;
        const QString path = write(scratch.path(QStringLiteral("conn.log")),
            "#separator \\x09\n#path\tconn\n#fields\tts\tuid\thistory\tservice\n#types\ttime\tstring\tstring\tstring\n"
            "1767258000.1\tCaaaaaaaaaaaaaaaaa\tShADadfF\thttp\n");
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(path, sink, &why));
        QCOMPARE(why,
            QStringLiteral("the Zeek conn log has no id.orig_h, id.resp_h, proto columns (its columns are: ts, uid, "
                           "history, service)"));
    }

    void wholeCorpusImportsOrSaysWhy()
    {
        const QString dir = corpus(QStringLiteral("zeek"));
        if (dir.isEmpty())
            QSKIP("../shared/corpus is not here");
        int imported = 0, refused = 0;
        for (const QString& name : QDir(dir).entryList(QDir::Files)) {
            CollectingSink sink;
            QString why;
            if (importFile(QDir(dir).filePath(name), sink, &why)) {
                ++imported;
            } else {
                QVERIFY2(why.contains(QStringLiteral("Zeek")), qPrintable(name + QStringLiteral(": ") + why));
                ++refused;
            }
        }
        QCOMPARE(imported + refused, static_cast<int>(QDir(dir).entryList(QDir::Files).size()));
        QVERIFY(imported >= 15);
    }
};

QTEST_GUILESS_MAIN(TestZeekImporter)
#include "tst_zeekimporter.moc"
