// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// contacts.*, biometric.*, media.*, content.clipboard, behavior.* (research §7).
#include "common/hashing.h"
#include "decode/magic.h"
#include "decode/textcodecs.h"
#include "detectorcontext.h"

#include <QLocale>
#include <QSet>

#include <cmath>

namespace Detect {

using Decode::NodeType;

namespace {

QByteArray digestOf(const QList<QByteArray>& values)
{
    QByteArrayList sorted = values;
    std::sort(sorted.begin(), sorted.end());
    return Digest::sha256Hex(sorted.join('\n'));
}

// --- contacts --------------------------------------------------------------------------------------------

/// Keys of an object describing a person in an address book.
struct PersonShape
{
    bool name = false;
    bool reach = false; ///< phone, email or their hashes
};

PersonShape personShape(const DetectorContext& c, int object)
{
    PersonShape s;
    for (int f = c.node(object).firstChild; f >= 0; f = c.node(f).nextSibling) {
        const quint64 cls = c.ownClass(f);
        s.name |= (cls & Keys::PersonName) != 0;
        s.reach |= (cls & (Keys::Phone | Keys::Email | Keys::HashedPhone | Keys::HashedEmail | Keys::Contacts)) != 0;
    }
    return s;
}

void contacts(DetectorContext& c)
{
    const QString path = c.urlPath();
    const bool endpointHint = path.contains(QStringLiteral("contact")) || path.contains(QStringLiteral("address_book"))
        || path.contains(QStringLiteral("addressbook")) || path.contains(QStringLiteral("/sync"))
        || path.contains(QStringLiteral("find_friends")) || path.contains(QStringLiteral("invite"));
    bool reported = false;
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& a = c.d.nodes[i];
        if (a.type != NodeType::Array || a.childCount < 5)
            continue;
        const quint64 cls = c.ownClass(static_cast<int>(i));
        int people = 0;
        int hashes = 0;
        QByteArrayList values;
        for (int e = a.firstChild; e >= 0; e = c.node(e).nextSibling) {
            const Decode::Node& n = c.node(e);
            if (n.type == NodeType::Object) {
                const PersonShape s = personShape(c, e);
                if (s.name && s.reach) {
                    ++people;
                    values << QByteArray::number(e);
                }
            } else if (n.type == NodeType::String && Shapes::isHashLike(n.value.trimmed())) {
                ++hashes;
                values << n.value.trimmed().toLower();
            }
        }
        const bool keyedHashes = (cls & (Keys::Contacts | Keys::HashedPhone | Keys::HashedEmail)) && hashes >= 5;
        if (people < 5 && !keyedHashes)
            continue;
        Hit h = c.hitFor(static_cast<int>(i), "contacts.address_book", Confidence::Medium, "contacts",
            people >= 5 ? QStringLiteral("a list of %1 people with names and phone numbers or emails").arg(people)
                        : QStringLiteral("a list of %1 hashed phone numbers or emails under the key \"%2\"")
                              .arg(hashes)
                              .arg(QString::fromUtf8(a.key)));
        h.value = QByteArray::number(std::max(people, hashes)) + " entries";
        h.normalized = digestOf(values);
        h.evidence = people >= 5
            ? QStringLiteral("%1 contacts (names with phone numbers or emails)").arg(people)
            : QStringLiteral("%1 hashes under \"%2\"").arg(hashes).arg(QString::fromUtf8(a.key.left(40)));
        c.add(std::move(h));
        reported = true;
    }
    if (reported)
        return;
    // Several different people's numbers or addresses anywhere in one payload.
    QSet<QByteArray> distinct;
    int anchor = -1;
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        if (t.location != "body" || t.value.size() > 1024
            || (c.tokenClass[i] & (Keys::EventTime | Keys::RequestId | Keys::Version)))
            continue;
        // Cheap test first: a phone number needs seven digits, an address an '@'.
        int digits = 0;
        for (char x : t.value)
            digits += x >= '0' && x <= '9';
        if (digits < 7 && !t.value.contains('@'))
            continue;
        for (const QByteArray& phone : validPhonesIn(t.value, c.options.phoneRegion)) {
            distinct.insert(phone);
            anchor = anchor < 0 ? t.node : anchor;
        }
        for (const QByteArray& e : emailAddressesIn(t.value)) {
            distinct.insert(e.toLower());
            anchor = anchor < 0 ? t.node : anchor;
        }
    }
    if (distinct.size() < 5)
        return;
    Hit h = c.hitFor(anchor, "contacts.address_book", endpointHint ? Confidence::Medium : Confidence::Low, "contacts",
        QStringLiteral("%1 different phone numbers or email addresses in one request%2")
            .arg(distinct.size())
            .arg(endpointHint ? QStringLiteral(" to a contacts endpoint") : QString()));
    const QByteArrayList list(distinct.cbegin(), distinct.cend());
    h.key.clear();
    h.value = QByteArray::number(distinct.size()) + " entries";
    h.normalized = digestOf(list);
    h.evidence = QStringLiteral("%1 phone numbers or email addresses").arg(distinct.size());
    c.add(std::move(h));
}

void socialGraph(DetectorContext& c)
{
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& a = c.d.nodes[i];
        if (a.type != NodeType::Array || a.childCount < 3 || !(c.ownClass(static_cast<int>(i)) & Keys::SocialGraph))
            continue;
        QByteArrayList ids;
        for (int e = a.firstChild; e >= 0; e = c.node(e).nextSibling)
            ids << (c.node(e).isLeaf() ? c.node(e).value : QByteArray::number(e));
        Hit h = c.hitFor(static_cast<int>(i), "contacts.social_graph", Confidence::Medium, "social-graph",
            QStringLiteral("a list of %1 friends or followers under the key \"%2\"")
                .arg(a.childCount)
                .arg(QString::fromUtf8(a.key)));
        h.value = QByteArray::number(a.childCount) + " entries";
        h.normalized = digestOf(ids);
        h.evidence = QStringLiteral("%1 entries under \"%2\"").arg(a.childCount).arg(QString::fromUtf8(a.key.left(40)));
        c.add(std::move(h));
    }
}

// --- biometrics ---------------------------------------------------------------------------------------

/// Counts the points of a landmark structure: a flat numeric array (2 or 3 per point), an array of [x,y(,z)]
/// arrays, or an array of {x,y(,z)} objects. 0 when it is not one.
int landmarkPoints(const DetectorContext& c, int array, int* dims)
{
    const Decode::Node& a = c.node(array);
    if (a.type != NodeType::Array || a.childCount < 5)
        return 0;
    const int first = a.firstChild;
    const Decode::Node& f = c.node(first);
    if (f.type == NodeType::Number) {
        for (int e = first; e >= 0; e = c.node(e).nextSibling) {
            if (c.node(e).type != NodeType::Number)
                return 0;
        }
        for (int d : { 2, 3 }) {
            const int points = a.childCount / d;
            if (a.childCount % d == 0 && (points == 68 || points == 106 || points == 468 || points == 478)) {
                *dims = d;
                return points;
            }
        }
        *dims = 1;
        return a.childCount;
    }
    int d = -1;
    for (int e = first; e >= 0; e = c.node(e).nextSibling) {
        const Decode::Node& p = c.node(e);
        if ((p.type != NodeType::Array && p.type != NodeType::Object) || p.childCount < 2 || p.childCount > 4)
            return 0;
        for (int k = p.firstChild; k >= 0; k = c.node(k).nextSibling) {
            if (c.node(k).type != NodeType::Number)
                return 0;
        }
        if (d < 0)
            d = p.childCount;
        else if (d != p.childCount)
            return 0;
    }
    *dims = d;
    return a.childCount;
}

bool faceContext(const DetectorContext& c, int node)
{
    // The node's key, or any ancestor's key, names face data.
    for (int n = node; n >= 0;) {
        const quint64 cls = c.ownClass(n);
        if (cls & Keys::Face)
            return true;
        if (c.node(n).parent >= 0) {
            n = c.node(n).parent;
        } else {
            const Decode::Layer& l = c.d.layers[static_cast<size_t>(c.node(n).layer)];
            n = l.parentNode;
        }
    }
    return false;
}

QString modelName(int points)
{
    switch (points) {
    case 68:
        return QStringLiteral("the 68-point dlib layout");
    case 106:
        return QStringLiteral("the 106-point layout of face SDKs");
    case 468:
        return QStringLiteral("MediaPipe Face Mesh (468 points)");
    case 478:
        return QStringLiteral("MediaPipe Face Mesh with irises (478 points)");
    default:
        return QString();
    }
}

void biometrics(DetectorContext& c)
{
    QSet<int> covered;
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& n = c.d.nodes[i];
        const int id = static_cast<int>(i);
        if (covered.contains(n.parent))
            continue;
        const quint64 cls = c.ownClass(id);
        const bool face = (cls & Keys::Face) || ((cls & Keys::Embedding) && faceContext(c, id));
        const bool voice = cls & Keys::Voice;
        if (n.type == NodeType::Array) {
            int dims = 0;
            const int points = landmarkPoints(c, id, &dims);
            const QString model = modelName(points);
            if (points == 0)
                continue;
            if (face || voice || !model.isEmpty()) {
                const bool embedding = dims == 1 && (points == 128 || points == 192 || points == 256 || points == 512);
                const char* category = voice ? "biometric.voice" : "biometric.face";
                int confidence = Confidence::Medium;
                QString reason;
                if (!model.isEmpty() && (face || faceContext(c, id))) {
                    confidence = Confidence::High;
                    reason = QStringLiteral("face landmarks: %1 points in %2 dimensions, %3, under the key \"%4\"")
                                 .arg(points)
                                 .arg(dims)
                                 .arg(model, QString::fromUtf8(n.key));
                } else if (!model.isEmpty()) {
                    confidence = Confidence::Low;
                    reason = QStringLiteral("%1 points in %2 dimensions: the layout of %3, without a key naming it")
                                 .arg(points)
                                 .arg(dims)
                                 .arg(model);
                } else if (embedding) {
                    reason = QStringLiteral("a %1-dimensional embedding vector under the key \"%2\"")
                                 .arg(points)
                                 .arg(QString::fromUtf8(n.key));
                } else if (points >= 5) {
                    reason = QStringLiteral("%1 numeric values under the key \"%2\"")
                                 .arg(points)
                                 .arg(QString::fromUtf8(n.key));
                } else {
                    continue;
                }
                Hit h = c.hitFor(id, category, confidence, voice ? "voice" : "face", reason);
                QByteArrayList values;
                for (int e = n.firstChild; e >= 0 && values.size() < 4096; e = c.node(e).nextSibling)
                    values << c.node(e).value;
                h.value = QByteArray::number(points) + " points";
                h.normalized = Digest::sha256Hex(values.join(','));
                h.evidence = QStringLiteral("%1 × %2 numbers under \"%3\"")
                                 .arg(points)
                                 .arg(dims)
                                 .arg(QString::fromUtf8(n.key.left(40)));
                c.add(std::move(h));
                covered.insert(id);
            }
            continue;
        }
        if (!(face || voice) || !(n.type == NodeType::String || n.type == NodeType::Bytes))
            continue;
        // A blob under a face or voice key: a template, an embedding or an image of the face.
        const bool blob = n.type == NodeType::Bytes
            ? n.value.size() >= 48
            : (n.value.size() >= 64 && Decode::TextCodecs::base64(n.value.trimmed(), 64).has_value());
        if (!blob)
            continue;
        Hit h = c.hitFor(id, voice ? "biometric.voice" : "biometric.face", Confidence::Medium, voice ? "voice" : "face",
            QStringLiteral("an encoded data blob (%1 bytes) under the key \"%2\"")
                .arg(n.value.size())
                .arg(QString::fromUtf8(n.key)));
        h.normalized = Digest::sha256Hex(n.value);
        h.evidence =
            QStringLiteral("%1: %2 bytes of encoded data").arg(QString::fromUtf8(n.key.left(40))).arg(n.value.size());
        c.add(std::move(h));
    }
}

// --- content and behaviour ------------------------------------------------------------------------------

void clipboard(DetectorContext& c)
{
    for (size_t i = 0; i < c.tokens.size(); ++i) {
        const Decode::Token& t = c.tokens[i];
        if ((c.tokenClass[i] & Keys::Clipboard) && !t.value.trimmed().isEmpty()
            && c.node(t.node).type == NodeType::String)
            c.add(t, "content.clipboard", Confidence::Medium, "clipboard",
                QStringLiteral("text under the key \"%1\", which names the clipboard").arg(QString::fromUtf8(t.key)));
    }
}

bool hasKeyOf(const DetectorContext& c, int object, quint64 classes)
{
    for (int f = c.node(object).firstChild; f >= 0; f = c.node(f).nextSibling) {
        if (c.ownClass(f) & classes)
            return true;
    }
    return false;
}

void keystrokes(DetectorContext& c)
{
    for (size_t i = 0; i < c.d.nodes.size(); ++i) {
        const Decode::Node& n = c.d.nodes[i];
        if (!(c.ownClass(static_cast<int>(i)) & Keys::Keystrokes))
            continue;
        const bool list = n.type == NodeType::Array && n.childCount >= 3;
        const bool object = n.type == NodeType::Object && n.childCount >= 2;
        if (!list && !object)
            continue;
        Hit h = c.hitFor(static_cast<int>(i), "behavior.keystrokes", Confidence::Medium, "keystrokes",
            QStringLiteral("%1 per-key entries under the key \"%2\"").arg(n.childCount).arg(QString::fromUtf8(n.key)));
        QByteArrayList values;
        for (int e = n.firstChild; e >= 0 && values.size() < 2048; e = c.node(e).nextSibling)
            values << c.node(e).value << QByteArray::number(c.node(e).childCount);
        h.value = QByteArray::number(n.childCount) + " entries";
        h.normalized = digestOf(values);
        h.evidence = QStringLiteral("%1 entries under \"%2\"").arg(n.childCount).arg(QString::fromUtf8(n.key.left(40)));
        c.add(std::move(h));
    }
}

void usageEvents(DetectorContext& c)
{
    // One finding per message: the stream is the evidence, not each event.
    int anchor = -1;
    QByteArrayList names;
    int events = 0;
    for (size_t i = 0; i < c.d.nodes.size() && anchor < 0; ++i) {
        const Decode::Node& n = c.d.nodes[i];
        const quint64 cls = c.ownClass(static_cast<int>(i));
        const bool eventsKey = cls & Keys::Events;
        if (n.type == NodeType::Array && n.childCount >= 2) {
            int named = 0;
            QByteArrayList found;
            for (int e = n.firstChild; e >= 0; e = c.node(e).nextSibling) {
                const Decode::Node& x = c.node(e);
                // Event objects name themselves with "event"/"action"/… keys, or "name" inside an events list.
                const quint64 nameKeys =
                    quint64(Keys::EventName) | (eventsKey ? quint64(Keys::PersonName) : quint64(0));
                if (x.type == NodeType::Object && hasKeyOf(c, e, nameKeys)
                    && (eventsKey || hasKeyOf(c, e, Keys::EventTime))) {
                    ++named;
                    for (int f = x.firstChild; f >= 0; f = c.node(f).nextSibling) {
                        if ((c.ownClass(f) & nameKeys) && c.node(f).isLeaf()) {
                            found << c.node(f).value.left(40);
                            break;
                        }
                    }
                } else if (eventsKey && x.type == NodeType::String && !x.value.isEmpty()) {
                    ++named;
                    found << x.value.left(40);
                }
            }
            if (named >= 2) {
                anchor = static_cast<int>(i);
                events = named;
                names = found;
            }
        } else if (eventsKey && n.type == NodeType::String && n.value.size() >= 3 && n.value.size() < 4096) {
            // "screen_view:feed,scroll:2": a serialised list of events.
            const QByteArrayList parts = n.value.split(',');
            anchor = static_cast<int>(i);
            events = static_cast<int>(parts.size());
            for (const QByteArray& p : parts)
                names << p.left(p.indexOf(':') < 0 ? p.size() : p.indexOf(':')).trimmed().left(40);
        }
    }
    // A single analytics hit in a query or form ("en=page_view", "event=purchase") counts too.
    if (anchor < 0) {
        for (size_t i = 0; i < c.tokens.size(); ++i) {
            const Decode::Token& t = c.tokens[i];
            const QByteArray k = Keys::normalize(t.key);
            if ((k == "en" || k == "event" || k == "eventname" || k == "ev") && !t.value.isEmpty()
                && t.value.size() < 80 && c.node(t.node).type == NodeType::String && c.node(t.node).parent >= 0
                && c.node(c.node(t.node).parent).parent < 0) {
                anchor = t.node;
                events = 1;
                names << t.value;
                break;
            }
        }
    }
    if (anchor < 0)
        return;
    QByteArrayList unique;
    for (const QByteArray& n : std::as_const(names)) {
        if (!unique.contains(n))
            unique << n;
    }
    names = unique;
    Hit h = c.hitFor(anchor, "behavior.usage_events", Confidence::Medium, "usage-events",
        events == 1 ? QStringLiteral("an analytics event (\"%1\")").arg(QString::fromUtf8(names.value(0)))
                    : QStringLiteral("a stream of %1 analytics events").arg(events));
    h.value = names.join(',');
    h.normalized = c.info.registrableDomain.toUtf8() + '|' + names.join(',');
    h.evidence =
        QStringLiteral("%1 event(s): %2").arg(events).arg(QString::fromUtf8(names.mid(0, 5).join(", ").left(160)));
    c.add(std::move(h));
}

} // namespace

void detectPeopleAndContent(DetectorContext& c)
{
    contacts(c);
    socialGraph(c);
    biometrics(c);
    clipboard(c);
    keystrokes(c);
    usageEvents(c);
}

// --- media ----------------------------------------------------------------------------------------------

void detectMedia(DetectorContext& c)
{
    for (const auto& payload : c.d.binaryPayloads()) {
        const QByteArrayView bytes = c.d.payloadBytes(payload);
        const Decode::Magic::Sniffed s = Decode::Magic::sniff(bytes.first(std::min<qsizetype>(bytes.size(), 64)));
        if (s.media == Decode::Magic::MediaClass::None || bytes.size() < Decode::Magic::plausibleMinimumSize(s.kind))
            continue;
        const char* category = s.media == Decode::Magic::MediaClass::Image ? "media.image"
            : s.media == Decode::Magic::MediaClass::Video                  ? "media.video"
                                                                           : "media.audio";
        const Decode::Layer& layer = c.d.layers[static_cast<size_t>(payload.first)];
        Hit h;
        if (payload.second >= 0) {
            h = c.hitFor(payload.second, category, Confidence::High, "media-magic", QString());
        } else {
            h.category = QString::fromLatin1(category);
            h.confidence = Confidence::High;
            h.detector = QStringLiteral("media-magic");
            h.layer = payload.first;
            h.location = layer.location;
            h.key = layer.parentNode >= 0 ? c.d.keyOf(layer.parentNode) : layer.partName;
            h.chain = c.d.payloadChain(payload);
        }
        const QString size = QLocale::c().formattedDataSize(bytes.size(), 1, QLocale::DataSizeSIFormat);
        h.reason = QStringLiteral("%1 data (magic bytes) of %2%3")
                       .arg(s.name, size,
                           layer.fileName.isEmpty()
                               ? QString()
                               : QStringLiteral(", file name \"%1\"").arg(QString::fromUtf8(layer.fileName.left(80))));
        h.normalized = Digest::sha256Hex(bytes);
        h.value = h.normalized;
        h.evidence = QStringLiteral("%1, %2").arg(s.name, size);
        c.add(std::move(h));
        // A photo that carries its GPS position in EXIF gives the place away as well.
        if (s.kind == Decode::Magic::Kind::Jpeg) {
            double lat = 0, lon = 0;
            if (Decode::Magic::exifGps(bytes, &lat, &lon)) {
                Hit g = c.hits.back();
                g.category = QStringLiteral("location.precise");
                g.detector = QStringLiteral("exif-gps");
                g.reason = QStringLiteral("the GPS position in the EXIF data of an uploaded JPEG");
                g.value = QByteArray::number(lat, 'f', 5) + ", " + QByteArray::number(lon, 'f', 5);
                g.normalized = QByteArray::number(lat, 'f', 5) + ',' + QByteArray::number(lon, 'f', 5);
                g.evidence = QString();
                c.add(std::move(g));
            }
        }
    }
}

} // namespace Detect
