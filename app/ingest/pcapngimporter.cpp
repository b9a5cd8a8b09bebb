// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapngimporter.h"

#include "bytesource.h"
#include "packet/bytes.h"
#include "packet/linklayer.h"
#include "packet/packetpipeline.h"
#include "packet/pcapdroid.h"
#include "packetimport.h"

#include <QStringList>

#include <algorithm>
#include <limits>
#include <vector>

namespace {

namespace Block {
constexpr uint32_t SectionHeader = 0x0A0D0D0A;
constexpr uint32_t InterfaceDescription = 1;
constexpr uint32_t ObsoletePacket = 2;
constexpr uint32_t SimplePacket = 3;
constexpr uint32_t NameResolution = 4;
constexpr uint32_t InterfaceStatistics = 5;
constexpr uint32_t EnhancedPacket = 6;
constexpr uint32_t DecryptionSecrets = 10;
constexpr uint32_t Custom = 0x00000BAD;
constexpr uint32_t CustomNoCopy = 0x40000BAD;
} // namespace Block

constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr uint32_t kTlsKeyLog = 0x544c534b; // "TLSK"

struct Interface
{
    int linkType = 0;
    uint32_t snaplen = 0;
    bool binaryResolution = false;
    int resolution = 6; ///< 10^-n (or 2^-n) seconds per unit
    int64_t offsetSeconds = 0;
    QString name;
    uint64_t dropped = 0;
};

/// Reads integers in the section's byte order.
struct Order
{
    bool big = false;
    uint16_t u16(const uint8_t* p) const
    {
        return big ? Packet::be16(p) : Packet::le16(p);
    }
    uint32_t u32(const uint8_t* p) const
    {
        return big ? Packet::be32(p) : Packet::le32(p);
    }
    uint64_t u64(const uint8_t* p) const
    {
        return big ? Packet::be64(p) : Packet::le64(p);
    }
};

/// Calls `f(code, value, length)` for every option in [p, p + n).
template <typename F> void forEachOption(const Order& o, const uint8_t* p, size_t n, F f)
{
    size_t pos = 0;
    while (pos + 4 <= n) {
        const uint16_t code = o.u16(p + pos);
        const uint16_t length = o.u16(p + pos + 2);
        if (code == 0 || pos + 4 + length > n)
            return;
        f(code, p + pos + 4, static_cast<size_t>(length));
        pos += 4 + ((length + 3u) & ~3u);
    }
}

QString text(const uint8_t* p, size_t n)
{
    while (n > 0 && p[n - 1] == 0)
        --n;
    return QString::fromUtf8(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n));
}

int64_t toMicroseconds(uint64_t ts, const Interface& i)
{
    // In unsigned arithmetic, saturating: a damaged file may hold any count of units.
    constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    uint64_t us;
    if (i.binaryResolution) {
#ifdef __SIZEOF_INT128__
        __extension__ typedef unsigned __int128 Wide;
        const Wide wide = (static_cast<Wide>(ts) * 1000000u) >> i.resolution;
        us = wide > kMax ? kMax : static_cast<uint64_t>(wide);
#else
        us = static_cast<uint64_t>(
            static_cast<long double>(ts) * 1e6L / static_cast<long double>(uint64_t(1) << i.resolution));
#endif
    } else if (i.resolution <= 6) {
        uint64_t scale = 1;
        for (int k = i.resolution; k < 6; ++k)
            scale *= 10;
        us = ts > kMax / scale ? kMax : ts * scale;
    } else {
        uint64_t scale = 1;
        for (int k = 6; k < i.resolution && k < 25; ++k)
            scale *= 10;
        us = ts / scale;
    }
    us = std::min(us, kMax);
    // if_tsoffset comes from the file too: bounded so the sum cannot overflow (the pipeline bounds the result).
    const int64_t offset = std::clamp<int64_t>(i.offsetSeconds, -(int64_t(1) << 40), int64_t(1) << 40) * 1000000;
    const int64_t value = static_cast<int64_t>(us);
    return offset > 0 && value > std::numeric_limits<int64_t>::max() - offset ? std::numeric_limits<int64_t>::max()
                                                                              : value + offset;
}

} // namespace

bool PcapngImporter::read(const ImportInput& input, CaptureSink& sink, const ProgressCallback& progress)
{
    BufferedInput in(input.stream, 1 << 20);
    Packet::PacketPipeline pipeline(sink, QStringLiteral("pcapng"));
    PacketImport::loadKeyLog(input, pipeline);
    ProgressThrottle throttle(progress, input.stream.fileSize());

    Order order;
    bool inSection = false;
    int sections = 0;
    std::vector<Interface> interfaces;
    QStringList interfaceNotes;
    QString producer;
    Packet::PacketRecord record;
    int64_t lastTs = 0;
    int64_t badInterface = 0;
    int64_t badPackets = 0;
    int64_t skippedBlocks = 0;
    int64_t pcapdroidApps = 0;
    int dsbCount = 0;
    QString stopReason;

    // A damaged block ends the import: before any packet it fails, after some it becomes a warning.
    auto stop = [&](const QString& why) {
        stopReason = QStringLiteral("%1: %2").arg(PacketImport::at(in.offset()), why);
        return false;
    };
    auto readBlock = [&]() -> bool {
        const qsizetype available = in.fill(12);
        if (available == 0 && !in.failed())
            return false; // the end
        if (in.failed())
            return stop(
                input.stream.errorString().isEmpty() ? QStringLiteral("read error") : input.stream.errorString());
        if (available < 12)
            return stop(QStringLiteral("the file ends in the middle of a block (the capture was cut off)"));
        const uint8_t* h = reinterpret_cast<const uint8_t*>(in.data());
        uint32_t type = order.u32(h);
        if (Packet::le32(h) == Block::SectionHeader) {
            type = Block::SectionHeader;
            if (Packet::le32(h + 8) == kByteOrderMagic)
                order.big = false;
            else if (Packet::be32(h + 8) == kByteOrderMagic)
                order.big = true;
            else
                return stop(QStringLiteral("the section header has no valid byte-order magic"));
        } else if (!inSection) {
            return stop(QStringLiteral("the file does not start with a pcapng section header"));
        }
        const uint32_t length = order.u32(h + 4);
        if (length < 12 || length % 4 != 0)
            return stop(QStringLiteral("a block claims an invalid length of %1 bytes").arg(length));
        if (length > kMaxBlock)
            return stop(QStringLiteral("a block of %1 bytes is larger than the %2 MiB Leakscope reads")
                            .arg(length)
                            .arg(kMaxBlock >> 20));
        if (in.fill(length) < static_cast<qsizetype>(length)) {
            if (in.failed() && !input.stream.errorString().isEmpty())
                return stop(input.stream.errorString());
            return stop(QStringLiteral("the file ends in the middle of a block (the capture was cut off)"));
        }
        h = reinterpret_cast<const uint8_t*>(in.data());
        if (order.u32(h + length - 4) != length)
            return stop(
                QStringLiteral("a block's trailing length does not match its leading length (the file is damaged)"));
        const uint8_t* body = h + 8;
        const size_t bodyLength = length - 12;

        switch (type) {
        case Block::SectionHeader: {
            if (bodyLength < 16)
                return stop(QStringLiteral("the section header is too short"));
            const uint16_t major = order.u16(body + 4);
            const uint16_t minor = order.u16(body + 6);
            if (major != 1)
                return stop(QStringLiteral("unsupported pcapng version %1.%2").arg(major).arg(minor));
            inSection = true;
            ++sections;
            interfaces.clear();
            QString application, os, hardware;
            forEachOption(order, body + 16, bodyLength - 16, [&](uint16_t code, const uint8_t* v, size_t n) {
                if (code == 2)
                    hardware = text(v, n);
                else if (code == 3)
                    os = text(v, n);
                else if (code == 4)
                    application = text(v, n);
            });
            if (producer.isEmpty() && !application.isEmpty()) {
                QStringList details;
                if (!os.isEmpty())
                    details << os;
                if (!hardware.isEmpty())
                    details << hardware;
                producer = details.isEmpty()
                    ? application
                    : QStringLiteral("%1 (%2)").arg(application, details.join(QStringLiteral(", ")));
            }
            break;
        }
        case Block::InterfaceDescription: {
            if (bodyLength < 8)
                return stop(QStringLiteral("an interface description block is too short"));
            Interface i;
            i.linkType = order.u16(body);
            i.snaplen = order.u32(body + 4);
            forEachOption(order, body + 8, bodyLength - 8, [&](uint16_t code, const uint8_t* v, size_t n) {
                if (code == 2)
                    i.name = text(v, n);
                else if (code == 9 && n >= 1) {
                    i.binaryResolution = v[0] & 0x80;
                    i.resolution = v[0] & 0x7f;
                    if ((i.binaryResolution && i.resolution > 63) || (!i.binaryResolution && i.resolution > 24)) {
                        i.binaryResolution = false;
                        i.resolution = 6;
                    }
                } else if (code == 14 && n >= 8) {
                    i.offsetSeconds = static_cast<int64_t>(order.u64(v));
                }
            });
            interfaceNotes << QStringLiteral("%1%2").arg(
                i.name.isEmpty() ? QStringLiteral("interface %1").arg(interfaces.size()) : i.name,
                QStringLiteral(" (%1)").arg(Packet::LinkLayer::name(i.linkType)));
            interfaces.push_back(i);
            break;
        }
        case Block::EnhancedPacket:
        case Block::ObsoletePacket:
        case Block::SimplePacket: {
            ++record.frame;
            const bool simple = type == Block::SimplePacket;
            const bool obsolete = type == Block::ObsoletePacket;
            const size_t fixed = simple ? 4 : 20;
            if (bodyLength < fixed) {
                ++badPackets;
                break;
            }
            const uint32_t iface = simple ? 0 : (obsolete ? order.u16(body) : order.u32(body));
            if (iface >= interfaces.size()) {
                ++badInterface;
                break;
            }
            const Interface& i = interfaces[iface];
            uint32_t captured;
            uint32_t original;
            if (simple) {
                original = order.u32(body);
                captured = static_cast<uint32_t>(std::min<size_t>(original, bodyLength - 4));
                if (i.snaplen && captured > i.snaplen)
                    captured = i.snaplen;
                record.ts = lastTs; // a simple packet has no timestamp
            } else {
                const uint64_t ts = (uint64_t(order.u32(body + 4)) << 32) | order.u32(body + 8);
                captured = order.u32(body + 12);
                original = order.u32(body + 16);
                if (captured > bodyLength - 20) {
                    ++badPackets;
                    break;
                }
                record.ts = toMicroseconds(ts, i);
                lastTs = record.ts;
            }
            record.linkType = i.linkType;
            record.data = body + fixed;
            record.length = captured;
            record.originalLength = original;
            record.uid = Packet::Pcapdroid::kNoUid;
            record.direction = 0;
            if (!simple) {
                const size_t optionsAt = fixed + ((captured + 3u) & ~3u);
                if (optionsAt < bodyLength) {
                    forEachOption(order, body + optionsAt, bodyLength - optionsAt,
                        [&](uint16_t code, const uint8_t* v, size_t n) {
                            if (code == 1) {
                                int uid = 0;
                                if (Packet::Pcapdroid::parseUidComment(
                                        QByteArrayView(reinterpret_cast<const char*>(v), static_cast<qsizetype>(n)),
                                        uid))
                                    record.uid = uid;
                            } else if (code == 2 && n >= 4) {
                                record.direction = static_cast<int>(order.u32(v) & 3);
                            }
                        });
                }
            }
            pipeline.packet(record);
            break;
        }
        case Block::NameResolution: {
            size_t pos = 0;
            while (pos + 4 <= bodyLength) {
                const uint16_t recordType = order.u16(body + pos);
                const uint16_t recordLength = order.u16(body + pos + 2);
                if (recordType == 0 || pos + 4 + recordLength > bodyLength)
                    break;
                const uint8_t* v = body + pos + 4;
                const size_t addressLength = recordType == 1 ? 4 : recordType == 2 ? 16 : 0;
                if (addressLength && recordLength > addressLength) {
                    const Packet::Address a = addressLength == 4 ? Packet::Address::v4(v) : Packet::Address::v6(v);
                    const QList<QByteArray> names = QByteArray(reinterpret_cast<const char*>(v + addressLength),
                        static_cast<qsizetype>(recordLength - addressLength))
                                                        .split('\0');
                    if (!names.isEmpty() && !names.first().isEmpty())
                        pipeline.addNameResolution(a, QString::fromUtf8(names.first()));
                }
                pos += 4 + ((recordLength + 3u) & ~3u);
            }
            break;
        }
        case Block::InterfaceStatistics: {
            if (bodyLength < 12)
                break;
            const uint32_t iface = order.u32(body);
            uint64_t dropped = 0;
            forEachOption(order, body + 12, bodyLength - 12, [&](uint16_t code, const uint8_t* v, size_t n) {
                if ((code == 5 || code == 7) && n >= 8) // isb_ifdrop, isb_osdrop
                    dropped += order.u64(v);
            });
            if (iface < interfaces.size())
                interfaces[iface].dropped = std::max(interfaces[iface].dropped, dropped);
            break;
        }
        case Block::DecryptionSecrets: {
            if (bodyLength < 8)
                break;
            const uint32_t secretsType = order.u32(body);
            const uint32_t secretsLength = order.u32(body + 4);
            if (secretsLength > bodyLength - 8)
                return stop(QStringLiteral("a decryption secrets block is shorter than it claims"));
            ++dsbCount;
            if (secretsType == kTlsKeyLog)
                pipeline.addKeyLog(
                    QByteArray(reinterpret_cast<const char*>(body + 8), static_cast<qsizetype>(secretsLength)),
                    QStringLiteral("the decryption secrets block at %1").arg(PacketImport::at(in.offset())));
            else
                sink.addWarning(
                    QStringLiteral("%1: decryption secrets of type 0x%2 are not used (only TLS key logs are)")
                        .arg(PacketImport::at(in.offset()))
                        .arg(secretsType, 8, 16, QLatin1Char('0')));
            break;
        }
        case Block::Custom:
        case Block::CustomNoCopy: {
            if (bodyLength < 4)
                break;
            if (order.u32(body) == Packet::Pcapdroid::kPen) {
                Packet::Pcapdroid::UidMapping mapping;
                if (Packet::Pcapdroid::parseUidMapping(body + 4, bodyLength - 4, order.big, mapping)) {
                    pipeline.addPcapdroidApp(mapping);
                    ++pcapdroidApps;
                }
            }
            break;
        }
        default:
            ++skippedBlocks;
            break;
        }
        in.consume(length);
        return true;
    };

    while (readBlock()) {
        if (!throttle.update(input.stream.filePosition()))
            return cancel();
    }
    if (!stopReason.isEmpty()) {
        if (record.frame == 0)
            return fail(stopReason);
        sink.addWarning(QStringLiteral("%1; the %2 packets before it were imported").arg(stopReason).arg(record.frame));
    }
    if (badInterface > 0)
        sink.addWarning(QStringLiteral("%1 packet(s) name an interface the file never described; they were skipped")
                            .arg(badInterface));
    if (badPackets > 0)
        sink.addWarning(QStringLiteral("%1 packet block(s) are malformed; they were skipped").arg(badPackets));
    for (size_t k = 0; k < interfaces.size(); ++k) {
        if (interfaces[k].dropped > 0)
            sink.addWarning(
                QStringLiteral("%1 dropped %2 packet(s) while capturing: expect gaps in its connections")
                    .arg(interfaces[k].name.isEmpty() ? QStringLiteral("interface %1").arg(k) : interfaces[k].name)
                    .arg(interfaces[k].dropped));
    }
    QString notes =
        QStringLiteral("%1 section(s); interfaces: %2").arg(sections).arg(interfaceNotes.join(QStringLiteral(", ")));
    if (pcapdroidApps > 0)
        notes += QStringLiteral("; %1 PCAPdroid app mapping(s)").arg(pcapdroidApps);
    if (dsbCount > 0)
        notes += QStringLiteral("; %1 decryption secrets block(s)").arg(dsbCount);
    if (skippedBlocks > 0)
        notes += QStringLiteral("; %1 block(s) of other types skipped").arg(skippedBlocks);
    if (!PacketImport::finish(
            input, pipeline, sink, producer.isEmpty() ? QStringLiteral("pcapng") : producer, notes, progress))
        return cancel();
    if (!throttle.finish())
        return cancel();
    return true;
}
