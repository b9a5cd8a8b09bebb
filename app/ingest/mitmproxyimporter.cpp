// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mitmproxyimporter.h"

#include "bytesource.h"
#include "mitmflow.h"
#include "tnetstring.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cstring>
#include <vector>

namespace {

/// A flow id in 16 bytes: the UUID itself when it is one (it always is for mitmproxy), else a hash of it.
struct IdKey
{
    quint64 hi = 0;
    quint64 lo = 0;
    bool operator<(const IdKey& o) const
    {
        return hi != o.hi ? hi < o.hi : lo < o.lo;
    }
    bool operator==(const IdKey& o) const
    {
        return hi == o.hi && lo == o.lo;
    }
};

IdKey keyOf(const QByteArray& id)
{
    QByteArray raw;
    if (id.size() == 36 && id.count('-') == 4) {
        raw = QByteArray::fromHex(QByteArray(id).replace('-', QByteArray()));
        if (raw.size() != 16)
            raw.clear();
    }
    if (raw.isEmpty())
        raw = QCryptographicHash::hash(id, QCryptographicHash::Sha256).left(16);
    IdKey k;
    memcpy(&k.hi, raw.constData(), 8);
    memcpy(&k.lo, raw.constData() + 8, 8);
    return k;
}

/// Which records of the file to import: the last copy of each flow id. Built by a first pass that reads only
/// the id, type, version and metadata of each flow; the bodies are skipped without being kept.
struct Selection
{
    std::vector<bool> keep; ///< by record ordinal
    qint64 records = 0; ///< how many records could be read
    QString stopError; ///< why reading stopped before the end of the file, if it did
    qint64 duplicates = 0;
    bool isKept(qint64 ordinal) const
    {
        return ordinal >= static_cast<qint64>(keep.size()) || keep[static_cast<size_t>(ordinal)];
    }
};

/// The id a record ends up with once pre-12 WebSocket flows are folded into their handshakes, the way
/// compat.convert_11_12 does it: the first WebSocket flow naming a handshake takes the handshake's id.
class EffectiveIds
{
public:
    QByteArray of(const MitmFlow::Header& h, bool consume = true)
    {
        if (h.type == "websocket" && !h.websocketOf.isEmpty() && m_pending.contains(h.websocketOf)) {
            if (consume)
                m_pending.remove(h.websocketOf);
            return h.websocketOf;
        }
        if (h.isWebsocketHandshake)
            m_pending.insert(h.id);
        return h.id;
    }

private:
    QSet<QByteArray> m_pending;
};

QString flowError(qint64 ordinal, qint64 offset, const QString& why)
{
    return QStringLiteral("flow %1 (byte offset %2): %3").arg(ordinal + 1).arg(offset).arg(why);
}

/// Describes where reading stopped in a broken file: the reader's message already names the byte offset.
QString stopMessage(qint64 ordinal, const QString& readerError)
{
    return QStringLiteral("%1 (in or after flow %2)").arg(readerError).arg(ordinal + 1);
}

} // namespace

bool MitmproxyImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    const qint64 total = input.stream.fileSize();
    const bool twoPasses = !input.path.isEmpty();
    // Progress: the index pass is the first half of the bar, the import the second.
    ProgressCallback indexProgress = [&](qint64 done, qint64 all) { return !progress || progress(done / 2, all); };
    ProgressCallback importProgress = [&](qint64 done, qint64 all) {
        return !progress || progress(twoPasses ? all / 2 + done / 2 : done, all);
    };

    // ---- Pass 1: which copy of each flow to keep -------------------------------------------------------------
    Selection selection;
    if (twoPasses) {
        QString openError;
        auto source = ByteSource::open(input.path, &openError);
        if (!source)
            return fail(QStringLiteral("cannot read the file: %1").arg(openError));
        BufferedInput in(*source);
        TnetstringReader reader(in);
        ProgressThrottle throttle(indexProgress, total);
        struct Entry
        {
            IdKey key;
            quint32 ordinal;
        };
        std::vector<Entry> entries;
        EffectiveIds ids;
        qint64 ordinal = 0;
        while (!reader.atEnd()) {
            TnValue shallow;
            const bool ok = reader.nextShallow(shallow, [](QByteArrayView key) {
                return key == "id" || key == "type" || key == "version" || key == "metadata";
            });
            if (!ok) {
                if (ordinal == 0)
                    return fail(QStringLiteral("not a readable mitmproxy dump: %1").arg(reader.error()));
                selection.stopError = stopMessage(ordinal, reader.error());
                break;
            }
            MitmFlow::Header header;
            if (const QString why = MitmFlow::readHeader(shallow, header); !why.isEmpty())
                return fail(flowError(ordinal, reader.valueOffset(), why));
            const QByteArray id = ids.of(header);
            if (!id.isEmpty())
                entries.push_back({ keyOf(id), static_cast<quint32>(ordinal) });
            ++ordinal;
            if (!throttle.update(source->filePosition()))
                return cancel();
        }
        selection.records = ordinal;
        selection.keep.assign(static_cast<size_t>(ordinal), true);
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
        for (size_t i = 0; i + 1 < entries.size(); ++i) {
            if (entries[i].key == entries[i + 1].key) {
                selection.keep[entries[i].ordinal] = false;
                ++selection.duplicates;
            }
        }
    }

    // ---- Pass 2: convert and hand over the flows ---------------------------------------------------------------
    BufferedInput in(input.stream);
    TnetstringReader reader(in);
    // "backup" holds the flow as it was before someone edited it in mitmproxy; certificates are not used.
    reader.setSkipKey([](int depth, QByteArrayView key) {
        return (depth == 0 && key == "backup")
            || (depth == 1 && (key == "certificate_list" || key == "cert" || key == "mitmcert" || key == "clientcert"));
    });
    ProgressThrottle throttle(importProgress, total);
    EffectiveIds ids;
    QHash<QByteArray, Data::Flow> handshakes; // pre-12 WebSocket handshakes awaiting their message flows
    QMap<QString, int> versions;
    qint64 ordinal = 0, imported = 0, edited = 0, streamed = 0, merged = 0;
    qint64 dnsAnswers = 0;
    QString stopError = selection.stopError;
    while (!reader.atEnd() && (!twoPasses || ordinal < selection.records)) {
        TnValue state;
        if (!reader.next(state)) {
            if (ordinal == 0)
                return fail(QStringLiteral("not a readable mitmproxy dump: %1").arg(reader.error()));
            if (in.failed())
                return fail(QStringLiteral("cannot read the file: %1").arg(input.stream.errorString()));
            stopError = stopMessage(ordinal, reader.error());
            break;
        }
        const qint64 offset = reader.valueOffset();
        MitmFlow::Header header;
        if (const QString why = MitmFlow::readHeader(state, header); !why.isEmpty())
            return fail(flowError(ordinal, offset, why));
        versions[header.format > 0 ? QStringLiteral("format %1").arg(header.format)
                                   : QStringLiteral("mitmproxy %1").arg(header.versionText)] += 1;
        MitmFlow::Extras extras;
        Data::Flow flow;
        const QByteArray effectiveId = ids.of(header, false);
        if (header.type == "websocket") {
            auto it = handshakes.find(header.websocketOf);
            const bool found = it != handshakes.end() && effectiveId == header.websocketOf;
            flow = MitmFlow::mergeWebSocket(state, header, found ? &it.value() : nullptr, extras);
            if (found) {
                handshakes.erase(it);
                ++merged;
            }
            ids.of(header); // now consume the handshake, as pass 1 did
        } else {
            flow = MitmFlow::toFlow(state, header, extras);
            ids.of(header);
            if (header.isWebsocketHandshake)
                handshakes.insert(header.id, flow);
        }
        if (const TnValue* backup = state.get("backup"); backup && backup->skipped() && backup->fullSize > 0)
            ++edited;
        flow.sourceRef = QStringLiteral("mitm:offset=%1").arg(offset);
        if (selection.isKept(ordinal)) {
            for (const QString& note : extras.notes)
                sink.addWarning(flowError(ordinal, offset, note));
            for (const Data::DnsAnswer& a : extras.dnsAnswers)
                sink.addDnsAnswer(a);
            dnsAnswers += static_cast<qint64>(extras.dnsAnswers.size());
            if (flow.flags & Data::BodyMissing)
                ++streamed;
            sink.addFlow(std::move(flow));
            ++imported;
        }
        ++ordinal;
        if (!throttle.update(input.stream.filePosition()))
            return cancel();
    }

    Data::CaptureInfo info;
    QStringList formats;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        formats.append(it.key());
    info.producer = formats.isEmpty() ? QStringLiteral("mitmproxy")
                                      : QStringLiteral("mitmproxy (%1)").arg(formats.join(QStringLiteral(", ")));
    info.notes =
        QStringLiteral("%1 records, %2 flows imported, %3 DNS answers").arg(ordinal).arg(imported).arg(dnsAnswers);
    sink.setInfo(info);
    if (!stopError.isEmpty())
        sink.addWarning(QStringLiteral("the rest of the file could not be read: %1. The %2 flows before that point "
                                       "were imported (a dump cut off while mitmproxy was writing it ends like this)")
                            .arg(stopError)
                            .arg(imported));
    if (selection.duplicates > 0)
        sink.addWarning(QStringLiteral("%1 records repeat a flow that appears again later in the file (it was "
                                       "appended to or saved again); only the last copy of each flow was kept")
                            .arg(selection.duplicates));
    if (merged > 0)
        sink.addWarning(QStringLiteral("%1 WebSocket flows of an old mitmproxy (flow format before 12) were joined "
                                       "with their handshake requests")
                            .arg(merged));
    if (edited > 0)
        sink.addWarning(QStringLiteral("%1 flows were edited in mitmproxy after they were captured; the edited "
                                       "version was imported")
                            .arg(edited));
    if (streamed > 0)
        sink.addWarning(QStringLiteral("%1 flows have bodies mitmproxy did not store (stream_large_bodies); capture "
                                       "with store_streamed_bodies=true to keep them")
                            .arg(streamed));
    if (reader.truncatedStrings() > 0)
        sink.addWarning(
            QStringLiteral("%1 bodies larger than 1 GiB were cut to their first 1 GiB").arg(reader.truncatedStrings()));
    if (!throttle.finish())
        return cancel();
    return true;
}
