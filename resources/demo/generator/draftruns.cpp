// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The "draft vs posted" captures of the demo: the same steps with the same video, once discarded, once posted.
// Everything is synthetic and deterministic (fixed clock and seeds), like the rest of the demo.

#include "draftruns.h"

#include "common/timeutil.h"
#include "report/jsonwriter.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimeZone>

#include <cstdio>
#include <vector>

namespace DraftRuns {

namespace {

/// splitmix64, as in demogenerator.cpp: identical output on every platform.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int range(int lo, int hi)
    {
        return lo + static_cast<int>(next() % static_cast<quint64>(hi - lo + 1));
    }
    QByteArray bytes(int n)
    {
        QByteArray out;
        out.reserve(n);
        while (out.size() < n) {
            const quint64 v = next();
            for (int i = 0; i < 8 && out.size() < n; ++i)
                out.append(static_cast<char>((v >> (8 * i)) & 0xFF));
        }
        return out;
    }

private:
    quint64 m_state;
};

QByteArray u8(int v)
{
    return QByteArray(1, static_cast<char>(v & 0xFF));
}
QByteArray u16(quint32 v)
{
    return u8(v >> 8) + u8(v);
}
QByteArray u32(quint32 v)
{
    return u16(v >> 16) + u16(v & 0xFFFF);
}
QByteArray box(const char* type, const QByteArray& payload)
{
    return u32(static_cast<quint32>(payload.size() + 8)) + QByteArray(type, 4) + payload;
}
QByteArray fullBox(const char* type, int version, quint32 flags, const QByteArray& payload)
{
    return box(type, u8(version) + u8(flags >> 16) + u8(flags >> 8) + u8(flags) + payload);
}
QByteArray unityMatrix()
{
    return u32(0x00010000) + u32(0) + u32(0) + u32(0) + u32(0x00010000) + u32(0) + u32(0) + u32(0) + u32(0x40000000);
}

/// H.264 parameter sets need Exp-Golomb codes.
class BitWriter
{
public:
    void bits(quint32 value, int count)
    {
        for (int i = count - 1; i >= 0; --i)
            bit((value >> i) & 1);
    }
    void ue(quint32 v)
    {
        const quint32 x = v + 1;
        int n = 0;
        while ((x >> n) > 1)
            ++n;
        bits(0, n);
        bits(x, n + 1);
    }
    void se(qint32 v)
    {
        ue(v <= 0 ? static_cast<quint32>(-2 * v) : static_cast<quint32>(2 * v - 1));
    }
    QByteArray trailing()
    {
        bit(1);
        while (m_count % 8)
            bit(0);
        return m_out;
    }

private:
    void bit(int b)
    {
        if (m_count % 8 == 0)
            m_out.append('\0');
        if (b)
            m_out[m_out.size() - 1] = static_cast<char>(m_out.back() | (0x80 >> (m_count % 8)));
        ++m_count;
    }
    QByteArray m_out;
    int m_count = 0;
};

/// A Constrained Baseline SPS/PPS describing `width`×`height` (multiples of 16).
std::pair<QByteArray, QByteArray> parameterSets(int width, int height)
{
    BitWriter sps;
    sps.bits(66, 8); // profile_idc: Baseline
    sps.bits(0xC0, 8); // constraint_set0/1
    sps.bits(31, 8); // level 3.1
    sps.ue(0); // seq_parameter_set_id
    sps.ue(0); // log2_max_frame_num_minus4
    sps.ue(2); // pic_order_cnt_type
    sps.ue(1); // max_num_ref_frames
    sps.bits(0, 1); // gaps_in_frame_num_value_allowed_flag
    sps.ue(static_cast<quint32>(width / 16 - 1));
    sps.ue(static_cast<quint32>(height / 16 - 1));
    sps.bits(1, 1); // frame_mbs_only_flag
    sps.bits(1, 1); // direct_8x8_inference_flag
    sps.bits(0, 1); // frame_cropping_flag
    sps.bits(0, 1); // vui_parameters_present_flag
    BitWriter pps;
    pps.ue(0); // pic_parameter_set_id
    pps.ue(0); // seq_parameter_set_id
    pps.bits(0, 1); // entropy_coding_mode_flag (CAVLC)
    pps.bits(0, 1); // bottom_field_pic_order_in_frame_present_flag
    pps.ue(0); // num_slice_groups_minus1
    pps.ue(0); // num_ref_idx_l0_default_active_minus1
    pps.ue(0); // num_ref_idx_l1_default_active_minus1
    pps.bits(0, 1); // weighted_pred_flag
    pps.bits(0, 2); // weighted_bipred_idc
    pps.se(0); // pic_init_qp_minus26
    pps.se(0); // pic_init_qs_minus26
    pps.se(0); // chroma_qp_index_offset
    pps.bits(1, 1); // deblocking_filter_control_present_flag
    pps.bits(0, 1); // constrained_intra_pred_flag
    pps.bits(0, 1); // redundant_pic_cnt_present_flag
    return { u8(0x67) + sps.trailing(), u8(0x68) + pps.trailing() };
}

} // namespace

QByteArray makeMp4(int width, int height, int frames, int fps, quint64 seed, int averageFrameBytes, int timescale,
    qint64 creationUnixSeconds, const QByteArray& encoderName)
{
    Random random(seed);
    // Frames: length-prefixed NAL units, an IDR slice every second.
    std::vector<QByteArray> samples;
    for (int i = 0; i < frames; ++i) {
        const bool key = i % fps == 0;
        const int size =
            key ? averageFrameBytes * 3 : random.range(averageFrameBytes * 3 / 4, averageFrameBytes * 5 / 4);
        const QByteArray nal = u8(key ? 0x65 : 0x41) + random.bytes(size);
        samples.push_back(u32(static_cast<quint32>(nal.size())) + nal);
    }
    const quint32 mediaTimescale = static_cast<quint32>(fps * 1000);
    const quint32 mediaDuration = static_cast<quint32>(frames * 1000);
    const quint32 movieDuration = static_cast<quint32>(qint64(frames) * timescale / fps);
    const quint32 created = static_cast<quint32>(creationUnixSeconds + 2082844800ll);
    const auto [sps, pps] = parameterSets(width, height);

    const QByteArray ftyp = box("ftyp", QByteArray("isom") + u32(0x200) + "isomiso2avc1mp41");
    QByteArray compressor(32, '\0');
    compressor[0] = static_cast<char>(std::min<int>(31, encoderName.size()));
    for (int i = 0; i < std::min<int>(31, encoderName.size()); ++i)
        compressor[i + 1] = encoderName[i];
    const QByteArray avcC = box("avcC",
        u8(1) + u8(66) + u8(0xC0) + u8(31) + u8(0xFF) + u8(0xE1) + u16(sps.size()) + sps + u8(1) + u16(pps.size())
            + pps);
    const QByteArray avc1 = box("avc1",
        QByteArray(6, '\0') + u16(1) + QByteArray(16, '\0') + u16(width) + u16(height) + u32(0x00480000)
            + u32(0x00480000) + u32(0) + u16(1) + compressor + u16(0x18) + u16(0xFFFF) + avcC);
    const QByteArray stsd = fullBox("stsd", 0, 0, u32(1) + avc1);
    const QByteArray stts = fullBox("stts", 0, 0, u32(1) + u32(static_cast<quint32>(frames)) + u32(1000));
    QByteArray syncSamples;
    int syncCount = 0;
    for (int i = 0; i < frames; i += fps) {
        syncSamples += u32(static_cast<quint32>(i + 1));
        ++syncCount;
    }
    const QByteArray stss = fullBox("stss", 0, 0, u32(static_cast<quint32>(syncCount)) + syncSamples);
    const QByteArray stsc = fullBox("stsc", 0, 0, u32(1) + u32(1) + u32(static_cast<quint32>(frames)) + u32(1));
    QByteArray sizes;
    qint64 mdatSize = 0;
    for (const QByteArray& s : samples) {
        sizes += u32(static_cast<quint32>(s.size()));
        mdatSize += s.size();
    }
    const QByteArray stsz = fullBox("stsz", 0, 0, u32(0) + u32(static_cast<quint32>(frames)) + sizes);
    auto moovWith = [&](quint32 chunkOffset) {
        const QByteArray stco = fullBox("stco", 0, 0, u32(1) + u32(chunkOffset));
        const QByteArray stbl = box("stbl", stsd + stts + stss + stsc + stsz + stco);
        const QByteArray dinf = box("dinf", fullBox("dref", 0, 0, u32(1) + fullBox("url ", 0, 1, {})));
        const QByteArray minf = box("minf", fullBox("vmhd", 0, 1, u16(0) + u16(0) + u16(0) + u16(0)) + dinf + stbl);
        const QByteArray hdlr = fullBox("hdlr", 0, 0, u32(0) + "vide" + QByteArray(12, '\0') + "VideoHandler" + '\0');
        const QByteArray mdhd = fullBox("mdhd", 0, 0,
            u32(created) + u32(created) + u32(mediaTimescale) + u32(mediaDuration) + u16(0x55C4) + u16(0));
        const QByteArray mdia = box("mdia", mdhd + hdlr + minf);
        const QByteArray tkhd = fullBox("tkhd", 0, 3,
            u32(created) + u32(created) + u32(1) + u32(0) + u32(movieDuration) + QByteArray(8, '\0') + u16(0) + u16(0)
                + u16(0) + u16(0) + unityMatrix() + u32(static_cast<quint32>(width) << 16)
                + u32(static_cast<quint32>(height) << 16));
        const QByteArray trak = box("trak", tkhd + mdia);
        const QByteArray mvhd = fullBox("mvhd", 0, 0,
            u32(created) + u32(created) + u32(static_cast<quint32>(timescale)) + u32(movieDuration) + u32(0x00010000)
                + u16(0x0100) + QByteArray(10, '\0') + unityMatrix() + QByteArray(24, '\0') + u32(2));
        return box("moov", mvhd + trak);
    };
    // The moov comes first ("fast start"), so the chunk offset depends on its own size: size it once.
    const qint64 moovSize = moovWith(0).size();
    const QByteArray moov = moovWith(static_cast<quint32>(ftyp.size() + moovSize + 8));
    QByteArray mdat = u32(static_cast<quint32>(mdatSize + 8)) + "mdat";
    for (const QByteArray& s : samples)
        mdat += s;
    return ftyp + moov + mdat;
}

namespace {

struct Entry
{
    Data::Timestamp ts = 0;
    int durationMs = 120;
    QString method;
    QString url;
    QString serverIp;
    std::vector<std::pair<QString, QString>> requestHeaders;
    QByteArray requestBody;
    QString requestMime;
    bool requestBase64 = false;
    int status = 200;
    std::vector<std::pair<QString, QString>> responseHeaders;
    QByteArray responseBody;
    QString responseMime;
};

const char* const kUserAgent = "Vidzy/4.2.0 (com.vidzy.android; build:4200; Android 14; Pixel 7) okhttp/4.12.0";
const char* const kApiIp = "203.0.113.10";
const char* const kUploadIp = "203.0.113.30";
const char* const kCaption = "purple-giraffe-4471 at the park"; // the demo's canary caption (known-identifiers.json)
const char* const kBeacon = "sync-d41c7e.example.org"; // the investigator's sync beacon, opened in the phone browser
/// The phone (where markers were noted) was this much ahead of the laptop that captured.
constexpr qint64 kPhoneAheadUs = 1800 * 1000;

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

class Run
{
public:
    explicit Run(Data::Timestamp start)
        : m_now(start)
    { }
    Data::Timestamp now() const
    {
        return m_now;
    }
    void at(double seconds, Data::Timestamp start)
    {
        m_now = start + static_cast<qint64>(seconds * 1e6);
    }
    void wait(int ms)
    {
        m_now += qint64(ms) * 1000;
    }
    Entry& add(const QString& method, const QString& url, const char* ip, int durationMs = 120)
    {
        Entry e;
        e.ts = m_now;
        e.durationMs = durationMs;
        e.method = method;
        e.url = url;
        e.serverIp = QString::fromLatin1(ip);
        e.requestHeaders = { { QStringLiteral("user-agent"), QString::fromLatin1(kUserAgent) } };
        m_entries.push_back(e);
        m_now += qint64(durationMs + 15) * 1000;
        return m_entries.back();
    }
    Entry& json(const QString& method, const QString& url, const char* ip, const QJsonObject& request,
        const QJsonObject& response, int status = 200)
    {
        Entry& e = add(method, url, ip);
        if (!request.isEmpty()) {
            e.requestBody = compact(request);
            e.requestMime = QStringLiteral("application/json; charset=utf-8");
            e.requestHeaders.push_back({ QStringLiteral("content-type"), e.requestMime });
        }
        e.status = status;
        e.responseBody = compact(response);
        e.responseMime = QStringLiteral("application/json");
        e.responseHeaders = { { QStringLiteral("content-type"), e.responseMime } };
        return e;
    }
    void marker(const char* label, const char* note = "")
    {
        // Noted on the phone a moment before the app reacts, on the phone's clock.
        m_markers.push_back(
            { m_now - 150 * 1000 + kPhoneAheadUs, QString::fromLatin1(label), QString::fromUtf8(note) });
    }
    const std::vector<Entry>& entries() const
    {
        return m_entries;
    }
    struct Marker
    {
        Data::Timestamp ts;
        QString label;
        QString note;
    };
    const std::vector<Marker>& markers() const
    {
        return m_markers;
    }

private:
    Data::Timestamp m_now;
    std::vector<Entry> m_entries;
    std::vector<Marker> m_markers;
};

QJsonObject obj(std::initializer_list<std::pair<QString, QJsonValue>> members)
{
    QJsonObject o;
    for (const auto& [k, v] : members)
        o.insert(k, v);
    return o;
}

/// One run: the same steps, the same video; `posted` decides how it ends. `video` is what the app uploads.
void buildRun(Run& run, Data::Timestamp start, bool posted, const QByteArray& video, const QString& uploadId)
{
    const QString api = QStringLiteral("https://api.vidzy.example");
    // The sync beacon: the investigator opens a unique URL in the phone's browser and notes the time.
    Entry& beacon =
        run.add(QStringLiteral("GET"), QStringLiteral("http://%1/").arg(QString::fromLatin1(kBeacon)), "198.51.100.7");
    beacon.requestHeaders = { { QStringLiteral("user-agent"),
        QStringLiteral(
            "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36") } };
    beacon.status = 404;
    beacon.responseBody = "not found";
    beacon.responseMime = QStringLiteral("text/plain");
    beacon.responseHeaders = { { QStringLiteral("content-type"), beacon.responseMime } };

    run.at(6.0, start);
    run.marker("app_opened");
    run.json(QStringLiteral("GET"), api + QStringLiteral("/v2/config?platform=android&version=4.2.0"), kApiIp, {},
        obj({ { QStringLiteral("upload_host"), QStringLiteral("upload.vidzy.example") },
            { QStringLiteral("feature_flags"), obj({ { QStringLiteral("draft_preupload"), true } }) } }));
    run.json(QStringLiteral("GET"), api + QStringLiteral("/v2/feed?cursor=0"), kApiIp, {},
        obj({ { QStringLiteral("items"), 10 } }));

    run.at(10.0, start);
    run.marker("opened_composer");
    run.json(QStringLiteral("GET"), api + QStringLiteral("/v2/composer/config"), kApiIp, {},
        obj({ { QStringLiteral("max_duration_s"), 180 }, { QStringLiteral("chunk_size"), 131072 } }));

    run.at(13.0, start);
    run.marker("media_selected", "the 4-second test clip vidzy-draft.mp4");
    run.json(QStringLiteral("POST"), QStringLiteral("https://app-measurement.com/a"), "142.250.74.110",
        obj({ { QStringLiteral("events"), QStringLiteral("composer_media_selected:video:4.0s") } }), {}, 204);

    run.at(15.0, start);
    run.marker("tapped_next");
    // Pre-upload: the app asks for an upload slot and sends the video in 128 KiB chunks right away.
    run.json(QStringLiteral("POST"), api + QStringLiteral("/v2/uploads/init"), kApiIp,
        obj({ { QStringLiteral("media_type"), QStringLiteral("video/mp4") },
            { QStringLiteral("size"), static_cast<qint64>(video.size()) }, { QStringLiteral("duration_ms"), 4000 } }),
        obj({ { QStringLiteral("upload_id"), uploadId },
            { QStringLiteral("upload_url"),
                QString(QStringLiteral("https://upload.vidzy.example/v2/upload/") + uploadId) } }));
    constexpr int chunk = 128 * 1024;
    const QString uploadUrl = QStringLiteral("https://upload.vidzy.example/v2/upload/") + uploadId;
    for (qint64 offset = 0; offset < video.size(); offset += chunk) {
        const qint64 last = std::min<qint64>(video.size(), offset + chunk) - 1;
        const bool final = last + 1 == video.size();
        // In the discarded run the second chunk is refused once and sent again (a retry).
        const int attempts = (!posted && offset == chunk) ? 2 : 1;
        for (int attempt = 0; attempt < attempts; ++attempt) {
            Entry& e = run.add(QStringLiteral("PUT"), uploadUrl, kUploadIp, 420);
            e.requestBody = video.mid(offset, last - offset + 1);
            e.requestMime = QStringLiteral("video/mp4");
            e.requestBase64 = true;
            e.requestHeaders.push_back({ QStringLiteral("content-type"), e.requestMime });
            e.requestHeaders.push_back({ QStringLiteral("content-range"),
                QStringLiteral("bytes %1-%2/%3").arg(offset).arg(last).arg(video.size()) });
            const bool refused = attempts == 2 && attempt == 0;
            e.status = refused ? 503 : final ? 201 : 308;
            e.responseMime = QStringLiteral("application/json");
            e.responseHeaders = { { QStringLiteral("content-type"), e.responseMime } };
            if (!refused && !final)
                e.responseHeaders.push_back({ QStringLiteral("range"), QStringLiteral("bytes=0-%1").arg(last) });
            e.responseBody = refused ? compact(obj({ { QStringLiteral("error"), QStringLiteral("busy, retry") } }))
                : final              ? compact(obj({ { QStringLiteral("upload_id"), uploadId },
                                   { QStringLiteral("status"), QStringLiteral("complete") } }))
                                     : compact(obj({ { QStringLiteral("received"), last + 1 } }));
            if (refused)
                run.wait(300);
        }
    }

    run.at(19.0, start);
    run.marker("caption_started");
    run.at(27.0, start);
    run.marker("caption_done");
    run.json(QStringLiteral("POST"), QStringLiteral("https://app-measurement.com/a"), "142.250.74.110",
        obj({ { QStringLiteral("events"), QStringLiteral("composer_caption_done") } }), {}, 204);

    run.at(30.0, start);
    if (posted) {
        run.marker("tapped_post");
        run.json(QStringLiteral("POST"), api + QStringLiteral("/v2/posts"), kApiIp,
            obj({ { QStringLiteral("upload_id"), uploadId },
                { QStringLiteral("caption"), QString::fromLatin1(kCaption) },
                { QStringLiteral("visibility"), QStringLiteral("public") } }),
            obj({ { QStringLiteral("post_id"), QStringLiteral("p_77120394") },
                { QStringLiteral("status"), QStringLiteral("published") } }));
    } else {
        run.marker("discarded", "tapped Discard in the composer");
        // The app only reports the discard to analytics; nothing cancels or deletes the upload.
        run.json(QStringLiteral("POST"), QStringLiteral("https://app-measurement.com/a"), "142.250.74.110",
            obj({ { QStringLiteral("events"), QStringLiteral("composer_discard") } }), {}, 204);
    }
    run.at(33.0, start);
    run.json(QStringLiteral("GET"), api + QStringLiteral("/v2/feed?cursor=0"), kApiIp, {},
        obj({ { QStringLiteral("items"), 10 } }));
    run.at(35.0, start);
    run.marker("app_backgrounded");
}

void writeHar(const QString& path, const std::vector<Entry>& entries, const QString& comment)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        exit(1);
    }
    {
        JsonWriter w(file);
        auto headers = [&](const std::vector<std::pair<QString, QString>>& list) {
            w.startArray();
            for (const auto& [name, value] : list) {
                w.startObject();
                w.key("name");
                w.value(name);
                w.key("value");
                w.value(value);
                w.endObject();
            }
            w.endArray();
        };
        w.startObject();
        w.key("log");
        w.startObject();
        w.key("version");
        w.value("1.2");
        w.key("creator");
        w.startObject();
        w.key("name");
        w.value("leakscope-demogen");
        w.key("version");
        w.value("1");
        w.endObject();
        w.key("comment");
        w.value(comment);
        w.key("entries");
        w.startArray();
        for (const Entry& e : entries) {
            w.startObject();
            w.key("startedDateTime");
            w.value(TimeUtil::formatIsoUtc(e.ts));
            w.key("time");
            w.value(e.durationMs);
            w.key("serverIPAddress");
            w.value(e.serverIp);
            w.key("request");
            w.startObject();
            w.key("method");
            w.value(e.method);
            w.key("url");
            w.value(e.url);
            w.key("httpVersion");
            w.value(e.url.startsWith(u"http:") ? "HTTP/1.1" : "HTTP/2");
            w.key("headers");
            headers(e.requestHeaders);
            w.key("queryString");
            w.startArray();
            w.endArray();
            w.key("cookies");
            w.startArray();
            w.endArray();
            w.key("headersSize");
            w.value(-1);
            w.key("bodySize");
            w.value(static_cast<qint64>(e.requestBody.size()));
            if (!e.requestBody.isEmpty()) {
                w.key("postData");
                w.startObject();
                w.key("mimeType");
                w.value(e.requestMime);
                w.key("text");
                if (e.requestBase64) {
                    w.value(QString::fromLatin1(e.requestBody.toBase64()));
                    w.key("encoding");
                    w.value("base64");
                } else {
                    w.value(QString::fromUtf8(e.requestBody));
                }
                w.endObject();
            }
            w.endObject();
            w.key("response");
            w.startObject();
            w.key("status");
            w.value(e.status);
            w.key("statusText");
            w.value("");
            w.key("httpVersion");
            w.value(e.url.startsWith(u"http:") ? "HTTP/1.1" : "HTTP/2");
            w.key("headers");
            headers(e.responseHeaders);
            w.key("cookies");
            w.startArray();
            w.endArray();
            w.key("content");
            w.startObject();
            w.key("size");
            w.value(static_cast<qint64>(e.responseBody.size()));
            w.key("mimeType");
            w.value(e.responseMime);
            if (!e.responseBody.isEmpty()) {
                w.key("text");
                w.value(QString::fromUtf8(e.responseBody));
            }
            w.endObject();
            w.key("redirectURL");
            w.value("");
            w.key("headersSize");
            w.value(-1);
            w.key("bodySize");
            w.value(static_cast<qint64>(e.responseBody.size()));
            w.endObject();
            w.key("cache");
            w.startObject();
            w.endObject();
            w.key("timings");
            w.startObject();
            w.key("send");
            w.value(std::max(1, e.durationMs / 2));
            w.key("wait");
            w.value(std::max(1, e.durationMs / 2 - 1));
            w.key("receive");
            w.value(1);
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.endObject();
    }
    file.write("\n");
    if (!file.commit()) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        exit(1);
    }
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fprintf(stderr, "cannot write %s\n", qPrintable(path));
        exit(1);
    }
}

QByteArray markersCsv(const std::vector<Run::Marker>& markers)
{
    QByteArray out = "timestamp,label,note\n";
    for (const auto& m : markers) {
        // On the phone's clock, written with the phone's own UTC offset (Pacific time) as a note app would.
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(m.ts / 1000, QTimeZone(-8 * 3600));
        QByteArray note = m.note.toUtf8();
        if (note.contains(',') || note.contains('"'))
            note = '"' + note.replace("\"", "\"\"") + '"';
        out += local.toString(Qt::ISODateWithMs).toLatin1() + ',' + m.label.toLatin1() + ',' + note + '\n';
    }
    return out;
}

} // namespace

void write(const QDir& out)
{
    // The investigator's clip, as recorded on the phone: 720×1280, 4 s at 30 fps.
    const qint64 recorded = *TimeUtil::parseIso8601(u"2026-11-20T13:55:12Z") / 1000000;
    const QByteArray original = makeMp4(720, 1280, 120, 30, 0xD1AF7001, 2600, 1000, recorded, "Pixel Camera");
    // What the app uploads after posting: re-encoded (other bytes, another timescale), same size and length.
    const QByteArray reencoded = makeMp4(720, 1280, 120, 30, 0xD1AF7002, 2100, 600, recorded + 600, "vidzy-transcoder");
    writeFile(out.filePath(QStringLiteral("vidzy-draft.mp4")), original);

    const QString comment =
        QStringLiteral("SYNTHETIC DEMO DATA: a fictional app (Vidzy) and a made-up person; generated by "
                       "leakscope-demogen. Draft-vs-posted run: %1.");
    const Data::Timestamp discardedStart = *TimeUtil::parseIso8601(u"2026-11-20T14:20:00Z");
    Run discarded(discardedStart);
    buildRun(discarded, discardedStart, false, original, QStringLiteral("vu_8f2c41d7e9"));
    writeHar(out.filePath(QStringLiteral("vidzy-draft-discarded.har")), discarded.entries(),
        comment.arg(QStringLiteral("the draft is discarded")));
    writeFile(out.filePath(QStringLiteral("vidzy-draft-discarded.markers.csv")), markersCsv(discarded.markers()));

    const Data::Timestamp postedStart = *TimeUtil::parseIso8601(u"2026-11-20T14:40:00Z");
    Run posted(postedStart);
    buildRun(posted, postedStart, true, reencoded, QStringLiteral("vu_93b07c55a1"));
    writeHar(out.filePath(QStringLiteral("vidzy-draft-posted.har")), posted.entries(),
        comment.arg(QStringLiteral("the draft is posted")));
    writeFile(out.filePath(QStringLiteral("vidzy-draft-posted.markers.csv")), markersCsv(posted.markers()));
}

} // namespace DraftRuns
