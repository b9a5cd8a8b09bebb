// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Upload sessions from crafted flows, one protocol at a time: grouping across chunks and retries, ordering by
// offset, coverage, the reassembled payload's hash and fingerprint, publish and cancel calls, encrypted bursts.
#include "common/hashing.h"
#include "common/numbers.h"
#include "pipeline/analysis.h"
#include "store/markerstore.h"
#include "testutils.h"
#include "uploadfixtures.h"
#include "uploads/bursts.h"
#include "uploads/uploadrequest.h"
#include "uploads/uploadstore.h"

#include <QTest>

#include <zlib.h>

using namespace TestUtils;
using namespace UploadFixtures;

namespace {

QByteArray sha(const QByteArray& b)
{
    return Digest::sha256Hex(b);
}

QByteArray video()
{
    return readFile(TestUtils::data(QStringLiteral("uploads/ffmpeg-h264-320x240-1.5s.mp4")));
}

QByteArray gzip(const QByteArray& in)
{
    z_stream zs {};
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(in.size())) + 32), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(static_cast<qsizetype>(zs.total_out));
    deflateEnd(&zs);
    return out;
}

QByteArray range(qint64 first, qint64 last, qint64 total)
{
    return QByteArray("bytes ") + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
        + QByteArray::number(total);
}

} // namespace

class TestUploads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_path = m_scratch.path(QStringLiteral("u%1.leakscope").arg(++m_n));
        m_inv = Investigation::open(m_path, Investigation::OpenMode::Create);
    }
    void cleanup()
    {
        m_inv.reset();
    }

    void contentRangeChunksOutOfOrderWithARetry()
    {
        const QByteArray v = video();
        QVERIFY(v.size() > 6000);
        const qint64 n = v.size();
        const qint64 a = 3000, b = 6000;
        const QString url =
            QStringLiteral("https://upload.example.com/v1/upload/abc123XYZ9?upload_id=u_998877&part=%1");
        auto chunk = [&](double t, qint64 from, qint64 to, int status, int part) {
            Req r;
            r.at = t;
            r.method = QStringLiteral("PUT");
            r.url = url.arg(part);
            r.headers = { h("Content-Type", "video/mp4"), h("Content-Range", range(from, to, n)) };
            r.body = v.mid(from, to - from + 1);
            r.status = status;
            return r;
        };
        // Sent out of order; the first chunk fails once and is sent again.
        writeCapture(*m_inv,
            { chunk(1.0, a, b - 1, 308, 1), chunk(1.5, 0, a - 1, 503, 0), chunk(2.0, 0, a - 1, 308, 0),
                chunk(2.5, b, n - 1, 201, 2) });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        const Data::UploadSession& s = sessions.front();
        QCOMPARE(s.protocol, QStringLiteral("content-range"));
        QCOMPARE(s.uploadId, QStringLiteral("u_998877"));
        QCOMPARE(s.chunks, 4);
        QCOMPARE(s.retries, 1);
        QCOMPARE(s.bytes, n);
        QCOMPARE(s.bytesSent, n + a);
        QCOMPARE(s.total, n);
        QVERIFY(s.complete);
        QCOMPARE(s.coverage, 1.0);
        QCOMPARE(s.sha256.toLatin1(), sha(v));
        QCOMPARE(s.mediaType, QStringLiteral("video/mp4"));
        QCOMPARE(s.fingerprint.width, 320);
        QCOMPARE(s.fingerprint.height, 240);
        QCOMPARE(s.fingerprint.videoCodec, QStringLiteral("avc1"));
        QVERIFY(qAbs(s.fingerprint.durationSeconds - 1.5) < 0.01);
        QCOMPARE(s.started, at(1.0));
        QVERIFY(s.serverConfirmed);
        // Chunks ordered by offset; the failed attempt is the retry.
        const auto chunks = UploadStore::chunks(m_inv->db(), s.id);
        QCOMPARE(chunks.size(), size_t(4));
        QCOMPARE(chunks[0].offset, 0);
        QCOMPARE(chunks[0].status, 503);
        QVERIFY(chunks[0].retry);
        QCOMPARE(chunks[1].offset, 0);
        QVERIFY(!chunks[1].retry);
        QCOMPARE(chunks[2].offset, a);
        QCOMPARE(chunks[3].offset, b);
    }

    void incompleteUploadHasCoverageButNoHash()
    {
        const QByteArray v = video();
        const qint64 n = v.size();
        Req first { 1.0, QStringLiteral("PUT"), QStringLiteral("https://cdn.example.net/up/7f3e2a91"),
            { h("Content-Range", range(0, 999, n)) }, v.left(1000) };
        Req third { 2.0, QStringLiteral("PUT"), QStringLiteral("https://cdn.example.net/up/7f3e2a91"),
            { h("Content-Range", range(3000, 3999, n)) }, v.mid(3000, 1000) };
        third.status = 308;
        writeCapture(*m_inv, { first, third });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        QCOMPARE(sessions[0].bytes, 2000);
        QCOMPARE(sessions[0].total, n);
        QVERIFY(!sessions[0].complete);
        QVERIFY(sessions[0].sha256.isEmpty());
        QVERIFY(qAbs(sessions[0].coverage - 2000.0 / n) < 1e-9);
        QVERIFY(sessions[0].notes.join(u' ').contains(QStringLiteral("2000 of %1 bytes were sent").arg(n)));
        // The container is still recognised from the first chunk (its moov is at the start).
        QCOMPARE(sessions[0].fingerprint.format, QStringLiteral("mp4"));
        QCOMPARE(sessions[0].fingerprint.width, 320);
    }

    void chunksTheCaptureDidNotKeepCountButAreNotHashed()
    {
        const QByteArray v = video();
        const qint64 n = v.size();
        Req one { 1.0, QStringLiteral("PUT"), QStringLiteral("https://cdn.example.net/up/keep55"),
            { h("Content-Range", range(0, 4999, n)) }, v.left(5000) };
        Req two { 1.5, QStringLiteral("PUT"), QStringLiteral("https://cdn.example.net/up/keep55"),
            { h("Content-Range", range(5000, n - 1, n)) }, v.mid(5000) };
        two.bodyMissing = true;
        writeCapture(*m_inv, { one, two });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        QVERIFY(sessions[0].complete);
        QCOMPARE(sessions[0].bytes, n);
        QVERIFY(sessions[0].sha256.isEmpty());
        QVERIFY(sessions[0].notes.join(u' ').contains(QStringLiteral("did not keep")));
    }

    void tus()
    {
        const QByteArray v = video();
        const qint64 n = v.size();
        Req create { 1.0, QStringLiteral("POST"), QStringLiteral("https://tus.example.org/files/"),
            { h("Tus-Resumable", "1.0.0"), h("Upload-Length", QByteArray::number(n)),
                h("Upload-Metadata", "filename dmlkZW8ubXA0") } };
        create.status = 201;
        create.responseHeaders = { h("Location", "/files/24e533e02ec3bc40c387f1a0e460e216"),
            h("Tus-Resumable", "1.0.0") };
        auto patch = [&](double t, qint64 from, qint64 to) {
            Req r { t, QStringLiteral("PATCH"),
                QStringLiteral("https://tus.example.org/files/24e533e02ec3bc40c387f1a0e460e216"),
                { h("Tus-Resumable", "1.0.0"), h("Upload-Offset", QByteArray::number(from)),
                    h("Content-Type", "application/offset+octet-stream") },
                v.mid(from, to - from) };
            r.status = 204;
            r.responseHeaders = { h("Upload-Offset", QByteArray::number(to)) };
            return r;
        };
        Req head { 2.2, QStringLiteral("HEAD"),
            QStringLiteral("https://tus.example.org/files/24e533e02ec3bc40c387f1a0e460e216"),
            { h("Tus-Resumable", "1.0.0") } };
        head.responseHeaders = { h("Upload-Offset", "4000"), h("Upload-Length", QByteArray::number(n)) };
        Req remove { 9.0, QStringLiteral("DELETE"),
            QStringLiteral("https://tus.example.org/files/24e533e02ec3bc40c387f1a0e460e216"),
            { h("Tus-Resumable", "1.0.0") } };
        remove.status = 204;
        writeCapture(*m_inv, { create, patch(2.0, 0, 4000), head, patch(2.5, 4000, n), remove });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        const auto& s = sessions[0];
        QCOMPARE(s.protocol, QStringLiteral("tus"));
        QCOMPARE(s.sessionKey, QStringLiteral("https://tus.example.org/files/24e533e02ec3bc40c387f1a0e460e216"));
        QCOMPARE(s.chunks, 2);
        QVERIFY(s.complete);
        QVERIFY(s.serverConfirmed);
        QCOMPARE(s.sha256.toLatin1(), sha(v));
        QVERIFY(s.createFlowId != 0);
        QVERIFY(s.cancelFlowId != 0);
        QCOMPARE(s.cancelTs, at(9.0));
    }

    void googleResumable()
    {
        const QByteArray v = video();
        const qint64 n = v.size();
        Req start { 1.0, QStringLiteral("POST"), QStringLiteral("https://photoslibrary.googleapis.com/v1/uploads"),
            { h("X-Goog-Upload-Command", "start"), h("X-Goog-Upload-Protocol", "resumable"),
                h("X-Goog-Upload-Header-Content-Length", QByteArray::number(n)),
                h("X-Goog-Upload-Header-Content-Type", "video/mp4") } };
        start.responseHeaders = {
            h("X-Goog-Upload-URL",
                "https://photoslibrary.googleapis.com/v1/uploads?upload_id=AEnB2Uo9xYz123&upload_protocol=resumable"),
            h("X-Goog-Upload-Chunk-Granularity", "262144")
        };
        auto upload = [&](double t, qint64 from, qint64 to, bool last) {
            Req r { t, QStringLiteral("POST"),
                QStringLiteral("https://photoslibrary.googleapis.com/v1/"
                               "uploads?upload_id=AEnB2Uo9xYz123&upload_protocol=resumable"),
                { h("X-Goog-Upload-Command", last ? "upload, finalize" : "upload"),
                    h("X-Goog-Upload-Offset", QByteArray::number(from)) },
                v.mid(from, to - from) };
            if (last)
                r.responseHeaders = { h("X-Goog-Upload-Status", "final") };
            return r;
        };
        writeCapture(*m_inv, { start, upload(1.4, 0, 5000, false), upload(1.8, 5000, n, true) });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        QCOMPARE(sessions[0].protocol, QStringLiteral("google-resumable"));
        QCOMPARE(sessions[0].uploadId, QStringLiteral("AEnB2Uo9xYz123"));
        QCOMPARE(sessions[0].total, n);
        QCOMPARE(sessions[0].sha256.toLatin1(), sha(v));
        QVERIFY(sessions[0].serverConfirmed);
    }

    void ruploadAndItsPublishCall()
    {
        const QByteArray v = video();
        const qint64 n = v.size();
        const QByteArray params = R"({"upload_id":"1763647201234","media_type":"2","is_clips_video":"1"})";
        auto part = [&](double t, qint64 from, qint64 to) {
            return Req { t, QStringLiteral("POST"),
                QStringLiteral("https://i.instagram.com/rupload_igvideo/1763647201234_0_-1289375512"),
                { h("X-Instagram-Rupload-Params", params), h("X-Entity-Name", "1763647201234_0_-1289375512"),
                    h("X-Entity-Length", QByteArray::number(n)), h("X-Entity-Type", "video/mp4"),
                    h("Offset", QByteArray::number(from)), h("Content-Type", "application/octet-stream") },
                v.mid(from, to - from) };
        };
        Req analytics { 3.0, QStringLiteral("POST"),
            QStringLiteral("https://graph.instagram.com/logging_client_events"),
            { h("Content-Type", "application/x-www-form-urlencoded") },
            "message=%7B%22event%22%3A%22upload_done%22%2C%22upload_id%22%3A%221763647201234%22%7D" };
        Req configure { 4.0, QStringLiteral("POST"),
            QStringLiteral("https://i.instagram.com/api/v1/media/configure_to_clips/"),
            { h("Content-Type", "application/x-www-form-urlencoded") },
            "signed_body=SIGNATURE.%7B%22upload_id%22%3A%221763647201234%22%2C%22caption%22%3A%22hello%22%7D" };
        writeCapture(*m_inv, { part(1.0, 0, 4096), part(2.0, 4096, n), analytics, configure });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        const auto& s = sessions[0];
        QCOMPARE(s.protocol, QStringLiteral("rupload"));
        QCOMPARE(s.uploadId, QStringLiteral("1763647201234"));
        QCOMPARE(s.mediaType, QStringLiteral("video/mp4"));
        QCOMPARE(s.sha256.toLatin1(), sha(v));
        // The analytics event names the upload too, but only the configure call carries a caption.
        const auto configureFlow = m_inv->db().pragmaInt("SELECT id FROM flows WHERE url LIKE '%configure_to_clips%'");
        QCOMPARE(s.publishFlowId, configureFlow);
        QCOMPARE(s.publishEvidence, QStringLiteral("names upload id 1763647201234"));
        QCOMPARE(s.cancelFlowId, 0);
    }

    void s3MultipartPartsInAnyOrder()
    {
        const QByteArray v = video();
        const QString base = QStringLiteral("https://media-bucket.s3.eu-west-1.amazonaws.com/drafts/clip.mp4");
        Req initiate { 0.5, QStringLiteral("POST"), base + QStringLiteral("?uploads") };
        initiate.responseBody =
            "<?xml version=\"1.0\"?><InitiateMultipartUploadResult><Bucket>media-bucket</Bucket>"
            "<Key>drafts/clip.mp4</Key><UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>"
            "</InitiateMultipartUploadResult>";
        const QString id = QStringLiteral("VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA");
        Req part2 { 1.0, QStringLiteral("PUT"), base + QStringLiteral("?partNumber=2&uploadId=") + id, {},
            v.mid(6000) };
        Req part1 { 1.2, QStringLiteral("PUT"), base + QStringLiteral("?partNumber=1&uploadId=") + id, {},
            v.left(6000) };
        Req complete { 2.0, QStringLiteral("POST"), base + QStringLiteral("?uploadId=") + id,
            { h("Content-Type", "application/xml") },
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part><Part><PartNumber>2</PartNumber></Part>"
            "</CompleteMultipartUpload>" };
        writeCapture(*m_inv, { initiate, part2, part1, complete });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        const auto& s = sessions[0];
        QCOMPARE(s.protocol, QStringLiteral("s3-multipart"));
        QCOMPARE(s.uploadId, id);
        QCOMPARE(s.chunks, 2);
        QCOMPARE(s.sha256.toLatin1(), sha(v));
        QVERIFY(s.serverConfirmed);
        QVERIFY(s.createFlowId != 0);
        const auto chunks = UploadStore::chunks(m_inv->db(), s.id);
        QCOMPARE(chunks[0].partNumber, 1);
        QCOMPARE(chunks[0].offset, 0);
        QCOMPARE(chunks[1].offset, 6000);
    }

    void multipartFormFile()
    {
        const QByteArray jpeg = readFile(TestUtils::data(QStringLiteral("uploads/ffmpeg-64x48.jpg")));
        const QByteArray boundary = "----LeakscopeBoundary7MA4YWxkTrZu0gW";
        const QByteArray body = "--" + boundary
            + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{\"kind\":\"post\"}\r\n--" + boundary
            + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"IMG_0042.jpg\"\r\nContent-Type: "
            + "image/jpeg\r\n\r\n" + jpeg + "\r\n--" + boundary + "--\r\n";
        writeCapture(*m_inv,
            { Req { 1.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/v1/photos"),
                { h("Content-Type", "multipart/form-data; boundary=" + boundary) }, body } });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        QCOMPARE(sessions[0].protocol, QStringLiteral("multipart-form"));
        QCOMPARE(sessions[0].mediaType, QStringLiteral("image/jpeg"));
        QCOMPARE(sessions[0].partName, QStringLiteral("photo; IMG_0042.jpg"));
        QCOMPARE(sessions[0].bytes, jpeg.size());
        QCOMPARE(sessions[0].sha256.toLatin1(), sha(jpeg));
        QCOMPARE(sessions[0].fingerprint.width, 64);
        QCOMPARE(sessions[0].fingerprint.height, 48);
    }

    void plainBodiesLargeOrMedia()
    {
        const QByteArray big(60 * 1024, 'x');
        const QByteArray png = readFile(TestUtils::data(QStringLiteral("uploads/ffmpeg-40x30.png")));
        const QByteArray original = video();
        writeCapture(*m_inv,
            { Req { 1.0, QStringLiteral("PUT"), QStringLiteral("https://backup.example.com/blob/9"),
                  { h("Content-Type", "application/octet-stream") }, big },
                Req { 2.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/avatar"),
                    { h("Content-Type", "image/png") }, png },
                Req { 3.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/v1/events"),
                    { h("Content-Type", "application/json") }, "{\"small\":true}" },
                Req { 4.0, QStringLiteral("POST"), QStringLiteral("https://up.example.com/raw"),
                    { h("Content-Type", "video/mp4"), h("Content-Encoding", "gzip") }, gzip(original), false,
                    "gzip" } });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(3));
        QCOMPARE(sessions[0].protocol, QStringLiteral("plain"));
        QCOMPARE(sessions[0].bytes, big.size());
        QCOMPARE(sessions[0].mediaType, QStringLiteral("application/octet-stream"));
        QCOMPARE(sessions[1].mediaType, QStringLiteral("image/png"));
        QCOMPARE(sessions[1].fingerprint.width, 40);
        // A gzip-encoded body is hashed as the app produced it, before the encoding.
        QCOMPARE(sessions[2].bytes, original.size());
        QCOMPARE(sessions[2].sha256.toLatin1(), sha(original));
        QCOMPARE(sessions[2].fingerprint.width, 320);
    }

    void initCallHandsOutTheUploadUrl()
    {
        const QByteArray v = video();
        Req init { 1.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/v2/uploads/init"),
            { h("Content-Type", "application/json") }, "{\"size\":1}" };
        init.responseBody =
            R"({"upload_id":"vu_5521aa","upload_url":"https://upload.example.com/v2/upload/vu_5521aa"})";
        Req put { 1.5, QStringLiteral("PUT"), QStringLiteral("https://upload.example.com/v2/upload/vu_5521aa"),
            { h("Content-Range", range(0, v.size() - 1, v.size())) }, v };
        put.status = 201;
        Req post { 5.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/v2/posts"),
            { h("Content-Type", "application/json") }, R"({"upload_id":"vu_5521aa","caption":"hi"})" };
        Req cancel { 6.0, QStringLiteral("POST"),
            QStringLiteral("https://api.example.com/v2/uploads/vu_5521aa/cancel") };
        writeCapture(*m_inv, { init, put, post, cancel });
        const auto sessions = analyse();
        QCOMPARE(sessions.size(), size_t(1));
        const auto initFlow = m_inv->db().pragmaInt("SELECT id FROM flows WHERE url LIKE '%/init'");
        QCOMPARE(sessions[0].createFlowId, initFlow);
        QCOMPARE(sessions[0].uploadId, QStringLiteral("vu_5521aa"));
        QCOMPARE(sessions[0].publishTs, at(5.0));
        QCOMPARE(sessions[0].cancelTs, at(6.0));
    }

    void notUploads()
    {
        Req download { 1.0, QStringLiteral("GET"), QStringLiteral("https://cdn.example.com/big.mp4") };
        download.responseBody = video();
        Req form { 2.0, QStringLiteral("POST"), QStringLiteral("https://api.example.com/login"),
            { h("Content-Type", "application/x-www-form-urlencoded") }, "user=a&password=b" };
        Req queryOnly { 3.0, QStringLiteral("PUT"), QStringLiteral("https://upload.example.com/x/unknown55"),
            { h("Content-Range", "bytes */5000") } };
        writeCapture(*m_inv, { download, form, queryOnly });
        QCOMPARE(analyse().size(), size_t(0));
    }

    void protocolsRecognisedPerRequest_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("headerName");
        QTest::addColumn<QByteArray>("headerValue");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<qint64>("offset");
        QTest::newRow("content-range") << "PUT"
                                       << "https://u.example/x" << QByteArray("Content-Range")
                                       << QByteArray("bytes 100-199/1000") << "content-range" << qint64(100);
        QTest::newRow("content-range with =") << "POST"
                                              << "https://u.example/x" << QByteArray("Content-Range")
                                              << QByteArray("bytes=0-99/*") << "content-range" << qint64(0);
        QTest::newRow("tus patch") << "PATCH"
                                   << "https://u.example/files/1" << QByteArray("Tus-Resumable") << QByteArray("1.0.0")
                                   << "tus" << qint64(-1);
        QTest::newRow("rupload path") << "POST"
                                      << "https://i.instagram.com/rupload_igphoto/1_0_1" << QByteArray("Offset")
                                      << QByteArray("0") << "rupload" << qint64(0);
        QTest::newRow("s3 part") << "PUT"
                                 << "https://b.s3.amazonaws.com/k?partNumber=3&uploadId=abc" << QByteArray("X-A")
                                 << QByteArray("1") << "s3-multipart" << qint64(-1);
        QTest::newRow("google upload") << "POST"
                                       << "https://x.googleapis.com/u?upload_id=1"
                                       << QByteArray("X-Goog-Upload-Command") << QByteArray("upload")
                                       << "google-resumable" << qint64(-1);
    }

    void protocolsRecognisedPerRequest()
    {
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QByteArray, headerName);
        QFETCH(QByteArray, headerValue);
        QFETCH(QString, protocol);
        QFETCH(qint64, offset);
        Uploads::Request r;
        r.method = method;
        r.url = url;
        r.requestHeaders = { { headerName, headerValue } };
        r.bodyId = 1;
        r.bodySize = 100;
        r.status = 200;
        const auto steps = Uploads::recognise(r, [](qint64) { return QByteArray(100, 'a'); });
        QCOMPARE(steps.size(), size_t(1));
        QCOMPARE(Uploads::protocolId(steps[0].protocol), protocol);
        QCOMPARE(steps[0].role, Uploads::Step::Role::Data);
        QCOMPARE(steps[0].offset, offset);
    }

    void sessionKeysIgnorePerChunkParameters()
    {
        QCOMPARE(
            Uploads::normaliseUploadUrl(QStringLiteral("https://U.example.com:443/up/1?upload_id=9&part=3&chunk=2")),
            QStringLiteral("https://u.example.com/up/1?upload_id=9"));
        QCOMPARE(Uploads::normaliseUploadUrl(QStringLiteral("https://u.example.com/up/1?offset=5")),
            QStringLiteral("https://u.example.com/up/1"));
        QCOMPARE(Uploads::resolveUploadUrl(QStringLiteral("https://t.example/files/"), QStringLiteral("/files/abc")),
            QStringLiteral("https://t.example/files/abc"));
    }

    void encryptedBursts()
    {
        auto conn = [](double from, double to, qint64 up, const char* name) {
            Data::Connection c;
            c.transport = QStringLiteral("tcp");
            c.name = QString::fromLatin1(name);
            c.serverIp = QStringLiteral("203.0.113.9");
            c.serverPort = 443;
            c.firstSeen = at(from);
            c.lastSeen = at(to);
            c.bytesUp = up;
            c.flags = Data::Encrypted;
            return c;
        };
        const qint64 capture = writeCapture(*m_inv, {}, QStringLiteral("pinned.pcap"),
            { conn(10, 14, 300000, "upload.example.com"), conn(14.5, 16, 200000, "upload.example.com"),
                conn(11, 12, 2000, "telemetry.example.com"), conn(40, 45, 900000, "upload.example.com") });
        // Markers on a clock 2 s ahead of the capture.
        MarkerStore::setClockOffset(m_inv->db(), capture, 2000000);
        for (const auto& [t, label] : std::vector<std::pair<double, const char*>> {
                 { 7, "opened_composer" }, { 11, "media_selected" }, { 30, "tapped_post" } })
            MarkerStore::add(m_inv->db(), Data::Marker { 0, capture, at(t), QString::fromLatin1(label), {}, 0 });
        analyse();
        const auto bursts = UploadStore::bursts(m_inv->db());
        QCOMPARE(bursts.size(), size_t(2)); // telemetry stays under the threshold
        QCOMPARE(bursts[0].host, QStringLiteral("upload.example.com"));
        QCOMPARE(bursts[0].connections, 2);
        QCOMPARE(bursts[0].bytesUp, 500000);
        QVERIFY(bursts[0].payloadEstimate < 500000 && bursts[0].payloadEstimate > 499000);
        QCOMPARE(bursts[0].beforeMarker, QStringLiteral("media_selected"));
        QCOMPARE(bursts[0].classification, QStringLiteral("before_post"));
        QVERIFY(bursts[0].betweenMediaAndPost);
        QCOMPARE(bursts[1].classification, QStringLiteral("after_post"));
        QVERIFY(!bursts[1].betweenMediaAndPost);

        // The filter's parts a burst does not hold itself: its host for a text (either case), never a category
        // (contents unseen), its destination's connections in its capture for a country or a company.
        QVERIFY(Analysis::run(*m_inv).ok); // the destinations
        Data::Filter f;
        f.text = QStringLiteral("UPLOAD.example");
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(2));
        f.text = QStringLiteral("telemetry");
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(0));
        f = {};
        f.categories = { QStringLiteral("media.video") };
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(0));
        // 203.0.113.9 is a documentation address without a country: as if GeoIP had placed it.
        m_inv->db().exec("UPDATE connection_destinations SET country = 'NL'");
        f = {};
        f.countries = { QStringLiteral("NL") };
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(2));
        f.countries = { QStringLiteral("FR") };
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(0));
        f.countries = { QStringLiteral("FR"), QStringLiteral("NL") };
        f.text = QStringLiteral("upload");
        QCOMPARE(UploadStore::bursts(m_inv->db(), f).size(), size_t(2));
    }

    void statedNumbersBeyondReasonAreBounded()
    {
        // Offsets, ranges, ids and byte counts as a broken or hostile capture states them (2^63 − 1, 1e300): the
        // analysis neither overflows (undefined behaviour, caught by the sanitizer build) nor trusts them.
        const QByteArray v = video();
        const QByteArray huge = QByteArray::number(std::numeric_limits<qint64>::max());
        Req rupload { 1.0, QStringLiteral("POST"), QStringLiteral("https://i.example.com/rupload_igvideo/77_0_1"),
            { h("X-Entity-Name", "77_0_1"), h("X-Entity-Length", huge), h("Offset", huge),
                h("Segment-Start-Offset", "1"), h("Content-Type", "application/octet-stream") },
            v.left(4096) };
        Req ranged { 2.0, QStringLiteral("PUT"), QStringLiteral("https://upload.example.com/v1/upload/abc123XYZ9"),
            { h("Content-Type", "video/mp4"), h("Content-Range", "bytes 0-" + huge + "/*") }, v.left(100) };
        ranged.responseHeaders = { h("Content-Type", "application/json") };
        ranged.responseBody = R"({"media_id": 1e300, "upload_id": 12345})";
        Data::Connection burst;
        burst.transport = QStringLiteral("tcp");
        burst.name = QStringLiteral("upload.example.com");
        burst.serverIp = QStringLiteral("203.0.113.9");
        burst.serverPort = 443;
        burst.firstSeen = at(10);
        burst.lastSeen = at(12);
        burst.bytesUp = std::numeric_limits<qint64>::max();
        burst.packetsUp = std::numeric_limits<qint64>::max();
        burst.flags = Data::Encrypted;
        writeCapture(*m_inv, { rupload, ranged }, QStringLiteral("crafted.har"), { burst, burst });

        QCOMPARE(m_inv->db().pragmaInt("SELECT max(bytes_up) FROM connections"), Numbers::kMaxPlausibleBytes);
        QCOMPARE(m_inv->db().pragmaInt("SELECT max(packets_up) FROM connections"), Numbers::kMaxPlausibleBytes);
        const auto sessions = analyse();
        // A stated offset past 1 TiB is unknown, so the rupload body counts from 0; the range is no range.
        for (const Data::UploadSession& s : sessions) {
            QVERIFY2(s.bytesSent <= v.size(), qPrintable(s.protocol));
            QVERIFY(s.total <= Numbers::kMaxPlausibleBytes);
        }
        const auto bursts = UploadStore::bursts(m_inv->db());
        QCOMPARE(bursts.size(), size_t(1));
        QCOMPARE(bursts[0].bytesUp, 2 * Numbers::kMaxPlausibleBytes);
    }

private:
    std::vector<Data::UploadSession> analyse()
    {
        const Analysis::Outcome a = Analysis::run(*m_inv, { QStringLiteral("uploads") });
        if (!a.ok)
            qWarning("%s", qPrintable(a.error));
        return UploadStore::sessions(m_inv->db());
    }

    Scratch m_scratch;
    QString m_path;
    int m_n = 0;
    std::unique_ptr<Investigation> m_inv;
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
