// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The opt-in reference data update against a small HTTP server that the test runs on 127.0.0.1 (in its own
// thread, because libcurl blocks): a good file, a package whose checksum does not match, a download cut off
// halfway, an HTTP proxy and a socks5h proxy (the proxy, not this machine, resolves the name), and the
// licence gate of the non-commercial lists.
#include "common/hashing.h"
#include "refdata/asndatabase.h"
#include "refdata/downloader.h"
#include "refdata/optionaltrackerlists.h"
#include "refdata/refdatacatalogue.h"
#include "refdata/refdataupdater.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace TestUtils;

namespace {

/// A tiny HTTP/1.1 server (plus the SOCKS5 handshake) on the loopback interface, serving fixed routes.
class LocalServer : public QObject
{
    Q_OBJECT
public:
    QHash<QByteArray, QByteArray> routes; ///< path → body
    QByteArray truncatedPath = "/truncated";

    quint16 start()
    {
        moveToThread(&m_thread);
        m_thread.start();
        quint16 port = 0;
        QMetaObject::invokeMethod(
            this,
            [this, &port] {
                m_server = new QTcpServer(this);
                m_server->listen(QHostAddress::LocalHost, 0);
                port = m_server->serverPort();
                connect(m_server, &QTcpServer::newConnection, this, &LocalServer::accept);
            },
            Qt::BlockingQueuedConnection);
        return port;
    }
    void stop()
    {
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_server;
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QStringList log()
    {
        QMutexLocker lock(&m_mutex);
        return m_log;
    }
    void clearLog()
    {
        QMutexLocker lock(&m_mutex);
        m_log.clear();
    }

private:
    void record(const QString& line)
    {
        QMutexLocker lock(&m_mutex);
        m_log.append(line);
    }
    void accept()
    {
        while (QTcpSocket* s = m_server->nextPendingConnection()) {
            s->setProperty("state", 0);
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    }
    void onData(QTcpSocket* s)
    {
        QByteArray buffer = s->property("buffer").toByteArray() + s->readAll();
        int state = s->property("state").toInt();
        // SOCKS5 (RFC 1928): greeting, then CONNECT with a domain name; after that the HTTP request follows.
        if (state == 0 && buffer.startsWith('\x05')) {
            if (buffer.size() < 2 || buffer.size() < 2 + static_cast<quint8>(buffer[1]))
                return void(s->setProperty("buffer", buffer));
            s->write(QByteArray("\x05\x00", 2));
            buffer.remove(0, 2 + static_cast<quint8>(buffer[1]));
            state = 1;
        }
        if (state == 1) {
            if (buffer.size() < 5)
                return void(s->setProperty("state", state)), void(s->setProperty("buffer", buffer));
            const int atyp = static_cast<quint8>(buffer[3]);
            const int need = atyp == 3 ? 5 + static_cast<quint8>(buffer[4]) + 2 : atyp == 1 ? 10 : 22;
            if (buffer.size() < need)
                return void(s->setProperty("state", state)), void(s->setProperty("buffer", buffer));
            record(atyp == 3 ? QStringLiteral("socks5 connect to name %1")
                                   .arg(QString::fromLatin1(buffer.mid(5, static_cast<quint8>(buffer[4]))))
                             : QStringLiteral("socks5 connect to an address"));
            s->write(QByteArray("\x05\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10));
            buffer.remove(0, need);
            state = 2;
        }
        s->setProperty("state", state);
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return void(s->setProperty("buffer", buffer));
        s->setProperty("buffer", QByteArray());
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        QByteArray target = requestLine.value(1);
        record(QStringLiteral("GET %1").arg(QString::fromLatin1(target)));
        if (target.startsWith("http://"))
            target = target.mid(target.indexOf('/', 7)); // absolute form: we were asked as a proxy
        if (target == truncatedPath) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n" + QByteArray(1000, 'x'));
            s->flush();
            s->disconnectFromHost();
            return;
        }
        const auto it = routes.constFind(target);
        const QByteArray body = it == routes.cend() ? QByteArray("not found") : it.value();
        s->write((it == routes.cend() ? "HTTP/1.1 404 Not Found\r\n" : "HTTP/1.1 200 OK\r\n")
            + QByteArray("Content-Length: ") + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
            + body);
        s->flush();
        s->disconnectFromHost();
    }

    QThread m_thread;
    QTcpServer* m_server = nullptr;
    QMutex m_mutex;
    QStringList m_log;
};

Downloader::Options proxyOnly(const QString& proxy)
{
    Downloader::Options o;
    o.proxy = proxy;
    return o;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestRefDataUpdate : public QObject
{
    Q_OBJECT
    LocalServer m_server;
    quint16 m_port = 0;
    QByteArray m_psl;
    QByteArray m_tgz;

    QString url(const char* path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(QLatin1String(path));
    }
    UpdateSource pslSource(const QString& u) const
    {
        UpdateSource s = RefDataUpdater::sources().front();
        s.urls = { u };
        return s;
    }
    UpdateSource asnSource(const QString& u) const
    {
        for (UpdateSource s : RefDataUpdater::sources()) {
            if (s.id == QLatin1String("asn")) {
                s.urls = { u };
                return s;
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_psl = readFile(QStringLiteral(LEAKSCOPE_SOURCE_DIR "/resources/data/public_suffix_list.dat"));
        QVERIFY(m_psl.size() > 100000);
        // An npm-style package with the two ASN CSVs, built with tar as npm would pack it.
        Scratch scratch;
        QDir().mkpath(scratch.path(QStringLiteral("package")));
        QFile v4(scratch.path(QStringLiteral("package/asn-ipv4.csv")));
        QVERIFY(v4.open(QIODevice::WriteOnly));
        v4.write("8.8.8.0,8.8.8.255,15169,Google LLC\n1.1.1.0,1.1.1.255,13335,\"Cloudflare, Inc.\"\n");
        v4.close();
        QFile v6(scratch.path(QStringLiteral("package/asn-ipv6.csv")));
        QVERIFY(v6.open(QIODevice::WriteOnly));
        v6.write("2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n");
        v6.close();
        QProcess tar;
        tar.setWorkingDirectory(scratch.path(QString()));
        tar.start(
            QStringLiteral("tar"), { QStringLiteral("czf"), QStringLiteral("asn.tgz"), QStringLiteral("package") });
        QVERIFY(tar.waitForFinished() && tar.exitCode() == 0);
        m_tgz = readFile(scratch.path(QStringLiteral("asn.tgz")));
        QVERIFY(!m_tgz.isEmpty());

        m_port = m_server.start();
        QVERIFY(m_port != 0);
        const QString integrity =
            QStringLiteral("sha512-") + QString::fromLatin1(Digest::hash(m_tgz, Digest::Sha512).toBase64());
        auto doc = [&](const QString& integrityValue) {
            return QJsonDocument(QJsonObject { { QStringLiteral("version"), QStringLiteral("9.9.9") },
                                     { QStringLiteral("dist"),
                                         QJsonObject { { QStringLiteral("tarball"), url("/npm/asn.tgz") },
                                             { QStringLiteral("integrity"), integrityValue } } } })
                .toJson();
        };
        m_server.routes.insert("/psl/good.dat", m_psl);
        m_server.routes.insert("/psl/not-a-list.dat", "<html>captive portal</html>\n");
        m_server.routes.insert("/npm/asn.tgz", m_tgz);
        m_server.routes.insert("/npm/asn", doc(integrity));
        m_server.routes.insert("/npm/asn-corrupt",
            doc(QStringLiteral("sha512-")
                + QString::fromLatin1(Digest::hash("other bytes", Digest::Sha512).toBase64())));
    }
    void cleanupTestCase()
    {
        m_server.stop();
    }

    void goodFileIsInstalledAndRecorded()
    {
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        const auto outcome = RefDataUpdater::run({ pslSource(url("/psl/good.dat")) }, options);
        QVERIFY2(outcome.ok, qPrintable(outcome.errors.join(u'\n')));
        QCOMPARE(readFile(options.targetDir + QStringLiteral("/public_suffix_list.dat")), m_psl);
        const auto catalogue = RefDataCatalogue::readFile(options.targetDir + QStringLiteral("/refdata.json"));
        QCOMPARE(catalogue.size(), size_t(1));
        QCOMPARE(catalogue[0].id, QStringLiteral("public-suffix-list"));
        QCOMPARE(catalogue[0].sha256, QString::fromLatin1(Digest::sha256Hex(m_psl)));
        QVERIFY(catalogue[0].version.startsWith(QStringLiteral("20")));
        QVERIFY(catalogue[0].source.contains(QStringLiteral("127.0.0.1")));
    }

    void packageIsVerifiedConvertedAndInstalled()
    {
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        const auto outcome = RefDataUpdater::run({ asnSource(url("/npm/asn")) }, options);
        QVERIFY2(outcome.ok, qPrintable(outcome.errors.join(u'\n')));
        QCOMPARE(outcome.updated, QStringList { QStringLiteral("ip-location-db asn 9.9.9") });
        AsnDatabase db;
        QString error;
        QVERIFY2(db.load(options.targetDir + QStringLiteral("/asn.bin.zst"), &error), qPrintable(error));
        QCOMPARE(db.lookup(QStringLiteral("1.1.1.1")).organisation, QStringLiteral("Cloudflare, Inc."));
        QCOMPARE(db.lookup(QStringLiteral("2001:4860::1")).asn, 15169u);
    }

    void corruptPackageReplacesNothing()
    {
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        QDir().mkpath(options.targetDir);
        QFile old(options.targetDir + QStringLiteral("/asn.bin.zst"));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("previous data");
        old.close();
        const auto outcome = RefDataUpdater::run({ asnSource(url("/npm/asn-corrupt")) }, options);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.errors.size(), 1);
        QVERIFY2(
            outcome.errors[0].contains(QStringLiteral("checksum mismatch: SHA-512 is")), qPrintable(outcome.errors[0]));
        QVERIFY(outcome.errors[0].contains(QStringLiteral("nothing was replaced")));
        QCOMPARE(readFile(options.targetDir + QStringLiteral("/asn.bin.zst")), QByteArray("previous data"));
        QVERIFY(!QFile::exists(options.targetDir + QStringLiteral("/refdata.json")));
        // A list that is not what it claims to be (a captive portal page) is refused the same way.
        const auto portal = RefDataUpdater::run({ pslSource(url("/psl/not-a-list.dat")) }, options);
        QVERIFY(!portal.ok);
        QVERIFY2(portal.errors.join(u' ').contains(QStringLiteral("not a public suffix list")),
            qPrintable(portal.errors.join(u' ')));
    }

    void interruptedDownloadReplacesNothing()
    {
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        const auto outcome = RefDataUpdater::run({ pslSource(url("/truncated")) }, options);
        QVERIFY(!outcome.ok);
        QVERIFY2(
            outcome.errors.join(u' ').contains(QStringLiteral("/truncated:")), qPrintable(outcome.errors.join(u' ')));
        QVERIFY(!QFile::exists(options.targetDir + QStringLiteral("/public_suffix_list.dat")));
        const auto missing = Downloader::fetch(QUrl(url("/nothing-here")), {});
        QVERIFY(!missing.ok);
        QCOMPARE(missing.httpStatus, 404);
        Downloader::Options small;
        small.maxBytes = 1000;
        QVERIFY(Downloader::fetch(QUrl(url("/psl/good.dat")), small).error.contains(QStringLiteral("larger than")));
    }

    void httpProxyIsUsed()
    {
        m_server.clearLog();
        Downloader::Options options;
        options.proxy = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
        const auto r = Downloader::fetch(QUrl(QStringLiteral("http://refdata.invalid/psl/good.dat")), options);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.data, m_psl);
        QCOMPARE(m_server.log(), QStringList { QStringLiteral("GET http://refdata.invalid/psl/good.dat") });
    }

    void socks5hProxyResolvesNames()
    {
        m_server.clearLog();
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        options.download.proxy = QStringLiteral("socks5h://127.0.0.1:%1").arg(m_port);
        // "refdata.invalid" cannot be resolved here: only the proxy can have done it.
        const auto outcome =
            RefDataUpdater::run({ pslSource(QStringLiteral("http://refdata.invalid/psl/good.dat")) }, options);
        QVERIFY2(outcome.ok, qPrintable(outcome.errors.join(u'\n')));
        QCOMPARE(m_server.log(),
            (QStringList {
                QStringLiteral("socks5 connect to name refdata.invalid"), QStringLiteral("GET /psl/good.dat") }));
    }

    void proxySettingsAreChecked_data()
    {
        QTest::addColumn<QString>("proxy");
        QTest::addColumn<bool>("ok");
        QTest::newRow("none") << "" << true;
        QTest::newRow("tor") << "socks5h://127.0.0.1:9050" << true;
        QTest::newRow("http") << "http://proxy.example:3128" << true;
        QTest::newRow("ftp") << "ftp://proxy.example" << false;
        QTest::newRow("no host") << "socks5h://" << false;
        QTest::newRow("words") << "my proxy" << false;
    }
    void proxySettingsAreChecked()
    {
        QFETCH(QString, proxy);
        QFETCH(bool, ok);
        QCOMPARE(Downloader::checkProxy(proxy).isEmpty(), ok);
        if (!ok)
            QVERIFY(Downloader::fetch(QUrl(url("/psl/good.dat")), proxyOnly(proxy))
                        .error.contains(QStringLiteral("is not a proxy address")));
    }

    void nonCommercialListsNeedTheirLicenceAccepted()
    {
        m_server.clearLog();
        std::vector<UpdateSource> nc;
        for (UpdateSource s : RefDataUpdater::sources()) {
            QVERIFY(!s.hosts().isEmpty());
            QVERIFY(!s.verification.isEmpty());
            if (s.nonCommercial) {
                QVERIFY(s.licenseNotice.contains(QStringLiteral("NonCommercial")));
                s.urls = { url("/psl/good.dat") };
                nc.push_back(s);
            }
        }
        QCOMPARE(nc.size(), size_t(3));
        Scratch scratch;
        RefDataUpdater::Options options;
        options.targetDir = scratch.path(QStringLiteral("data"));
        const auto outcome = RefDataUpdater::run(nc, options);
        QCOMPARE(outcome.errors.size(), 3);
        QVERIFY(outcome.errors[0].contains(QStringLiteral("licence was not accepted")));
        QVERIFY(m_server.log().isEmpty()); // nothing was contacted
    }

    void optionalListsAreReadOnlyForUnknownHosts()
    {
        OptionalTrackerLists lists;
        const QByteArray ddg =
            "{\"trackers\": {\"tracker.example\": {\"owner\": {\"name\": \"Example Ads Inc.\", \"displayName\": "
            "\"Example Ads\"}, \"categories\": [\"Advertising\"]}}}";
        const QByteArray disconnect =
            "{\"categories\": {\"Analytics\": [{\"Metrics Co\": {\"https://metrics.example/\": "
            "[\"metrics.example\", \"m-cdn.example\"]}}]}}";
        const QByteArray ghostery =
            "{\"organizations\": {\"acme\": {\"name\": \"Acme Tracking\", \"country\": \"de\"}}, \"patterns\": "
            "{\"acme_px\": {\"name\": \"Acme Pixel\", \"category\": \"site_analytics\", \"organization\": "
            "\"acme\", \"domains\": [\"acme-px.example\"]}}}";
        QVERIFY(lists.loadDuckDuckGo(ddg));
        QVERIFY(lists.loadDisconnect(disconnect));
        QVERIFY(lists.loadGhostery(ghostery));
        QCOMPARE(lists.lookup(QStringLiteral("a.tracker.example"))->name, QStringLiteral("Example Ads"));
        QCOMPARE(lists.lookup(QStringLiteral("a.tracker.example"))->list, QStringLiteral("DuckDuckGo"));
        QCOMPARE(lists.lookup(QStringLiteral("m-cdn.example"))->category, QStringLiteral("analytics"));
        QCOMPARE(lists.lookup(QStringLiteral("acme-px.example"))->country, QStringLiteral("DE"));
        QVERIFY(!lists.lookup(QStringLiteral("example")));
        QVERIFY(!lists.loadDuckDuckGo("not json"));
    }

    void commandLineListsDataAndContactsNothingByItself()
    {
        m_server.clearLog();
        const ProcessResult listed = runLeakscope({ QStringLiteral("refdata") });
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(
            listed.out.contains(QStringLiteral("geoip-country\tip-location-db geo-whois-asn-country\t2.3.2026061719")),
            qPrintable(listed.out));
        QVERIFY(listed.out.contains(QStringLiteral("ddg-tracker-blocklist")));
        QVERIFY(listed.out.contains(QStringLiteral("contacts publicsuffix.org")));
        const ProcessResult unknown =
            runLeakscope({ QStringLiteral("refdata"), QStringLiteral("--update"), QStringLiteral("everything") });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown data set \"everything\"")));
        const ProcessResult badProxy = runLeakscope({ QStringLiteral("refdata"), QStringLiteral("--update"),
            QStringLiteral("asn"), QStringLiteral("--proxy"), QStringLiteral("ftp://x") });
        QCOMPARE(badProxy.exitCode, 2);
        QVERIFY(badProxy.err.contains(QStringLiteral("is not a proxy address")));
    }

    void checksums_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("error");
        QTest::newRow("sha256 hex") << QString::fromLatin1(Digest::sha256Hex("abc")) << "";
        QTest::newRow("sha512 sri") << QStringLiteral("sha512-")
                + QString::fromLatin1(Digest::hash("abc", Digest::Sha512).toBase64())
                                    << "";
        QTest::newRow("wrong sha256") << QString(64, u'0') << "checksum mismatch: SHA-256 is ba7816bf";
        QTest::newRow("garbage") << "md5-xyz"
                                 << "no usable checksum";
    }
    void checksums()
    {
        QFETCH(QString, expected);
        QFETCH(QString, error);
        const QString result = Downloader::verifyChecksum("abc", expected);
        QVERIFY2(error.isEmpty() ? result.isEmpty() : result.startsWith(error), qPrintable(result));
    }
};

QTEST_GUILESS_MAIN(TestRefDataUpdate)
#include "tst_refdata_update.moc"
