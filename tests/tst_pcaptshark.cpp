// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Compares what Leakscope reads from every pcap/pcapng of the shared corpus with what tshark reads from the
// same file: server names (TLS/QUIC SNI), DNS names, HTTP request URLs and per-conversation payload bytes.
// Runs when tshark is installed and the corpus is present; otherwise skips.
#include "packet/tlsdecryptor.h"
#include "testutils.h"

#include <QDir>
#include <QProcess>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace TestUtils;

namespace {

struct View
{
    QSet<QString> snis;
    QSet<QString> dns;
    QSet<QString> urls;
    std::vector<qint64> tcpBytes; ///< payload bytes per TCP conversation, sorted
    std::vector<qint64> udpBytes;
};

QStringList tsharkArguments(const QString& file)
{
    // Out-of-order reassembly on, as Leakscope does it (tshark 4.0 leaves it off by default).
    QStringList args { QStringLiteral("-n"), QStringLiteral("-o"), QStringLiteral("tcp.reassemble_out_of_order:TRUE"),
        QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-E"),
        QStringLiteral("separator=/t"), QStringLiteral("-E"), QStringLiteral("occurrence=a"), QStringLiteral("-E"),
        QStringLiteral("aggregator=\x01") };
    for (const char* field :
        { "tls.handshake.extensions_server_name", "gquic.tag.sni", "dns.flags.response", "dns.qry.name",
            "dns.resp.type", "dns.resp.name", "http.request.full_uri", "http2.request.full_uri", "tcp.stream",
            "tcp.len", "udp.stream", "udp.length", "dns.count.answers", "udp.port", "icmp.type", "icmpv6.type" })
        args << QStringLiteral("-e") << QString::fromLatin1(field);
    return args;
}

/// tshark's view of a file from its `-T fields` output (tsharkArguments()).
View tsharkView(const QByteArray& output)
{
    View v;
    std::map<qint64, qint64> tcp, udp;
    const QList<QByteArray> lines = output.split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 16)
            continue;
        auto list = [&](int i) { return f[i].isEmpty() ? QList<QByteArray>() : f[i].split('\x01'); };
        for (const QByteArray& s : list(0) + list(1))
            v.snis.insert(QString::fromUtf8(s).toLower());
        const QList<QByteArray> response = list(2);
        if (!response.isEmpty() && (response.contains("1") || response.contains("True"))) {
            // Leakscope maps answers (and, for mDNS, every section) to the question they answer.
            const QList<QByteArray> types = list(4);
            const QList<QByteArray> names = list(5);
            const QList<QByteArray> questions = list(3);
            const bool mdns = list(13).contains("5353");
            const qsizetype answers =
                mdns ? types.size() : std::min<qsizetype>(list(12).value(0).toLongLong(), types.size());
            bool address = false;
            for (qsizetype i = 0; i < answers; ++i) {
                if (types[i] == "1" || types[i] == "28") {
                    address = true;
                    if ((questions.isEmpty() || mdns) && i < names.size())
                        v.dns.insert(QString::fromUtf8(names[i]).toLower());
                }
            }
            if (address && !questions.isEmpty() && !mdns)
                v.dns.insert(QString::fromUtf8(questions.first()).toLower());
        }
        for (const QByteArray& u : list(6) + list(7))
            v.urls.insert(QString::fromUtf8(u));
        // Payload bytes per conversation; the innermost transport of tunnelled packets, and nothing from the
        // copies of packets that ICMP errors quote.
        if (!list(14).isEmpty() || !list(15).isEmpty())
            continue;
        const QList<QByteArray> ts = list(8), tl = list(9), us = list(10), ul = list(11);
        if (!ts.isEmpty() && !tl.isEmpty())
            tcp[ts.last().toLongLong()] += tl.last().toLongLong();
        else if (!us.isEmpty() && !ul.isEmpty())
            udp[us.last().toLongLong()] += std::max<qint64>(ul.last().toLongLong() - 8, 0);
    }
    for (const auto& [stream, bytes] : tcp)
        v.tcpBytes.push_back(bytes);
    for (const auto& [stream, bytes] : udp)
        v.udpBytes.push_back(bytes);
    std::sort(v.tcpBytes.begin(), v.tcpBytes.end());
    std::sort(v.udpBytes.begin(), v.udpBytes.end());
    return v;
}

View ourView(const CollectingSink& sink)
{
    View v;
    for (const auto& c : sink.connections) {
        if (c.nameSource == u"tls-sni" || c.nameSource == u"quic-sni")
            v.snis.insert(c.name);
        (c.transport == u"tcp" ? v.tcpBytes : v.udpBytes).push_back(c.bytesUp + c.bytesDown);
    }
    for (const auto& a : sink.dns)
        v.dns.insert(a.name.toLower());
    for (const auto& f : sink.flows) {
        if (!f.url.isEmpty() && f.l7 != u"socks" && !(f.flags & Data::Decrypted))
            v.urls.insert(f.url);
    }
    std::sort(v.tcpBytes.begin(), v.tcpBytes.end());
    std::sort(v.udpBytes.begin(), v.udpBytes.end());
    return v;
}

QString diff(const QSet<QString>& ours, const QSet<QString>& theirs)
{
    QStringList missing, extra;
    for (const QString& s : theirs)
        if (!ours.contains(s))
            missing << s;
    for (const QString& s : ours)
        if (!theirs.contains(s))
            extra << s;
    missing.sort();
    extra.sort();
    QString out;
    if (!missing.isEmpty())
        out += QStringLiteral(" missing[%1]").arg(missing.mid(0, 5).join(u' '));
    if (!extra.isEmpty())
        out += QStringLiteral(" extra[%1]").arg(extra.mid(0, 5).join(u' '));
    return out;
}

/// Where Leakscope and tshark 4.0 legitimately disagree, per file and kind (sni, dns, url, tcp, udp).
struct Exception
{
    const char* file;
    const char* kinds;
    const char* why;
};
const Exception kExceptions[] = {
    { "arkime__gtp-iphone.pcap", "udp",
        "GTP-U tunnel: the outer UDP conversation is the operator's transport; Leakscope counts the tunnelled ones" },
    { "libpcap__vxlan.pcap", "udp", "VXLAN tunnel: the outer UDP conversations are transport, not counted" },
    { "arkime__http2-nghttp2.pcap", "url",
        "stream 13's request is one 16 KB HEADERS frame tshark 4.0 does not decode; Leakscope reads GET "
        "http://nghttp2.org/" },
    { "arkime__https-connect.pcap", "url", "tshark 4.0 leaves http.request.full_uri empty for this CONNECT" },
    { "arkime__socks5-reverse.pcap", "url",
        "reverse SOCKS: the TCP server plays the SOCKS client, a role swap Leakscope does not follow" },
    { "arkime__wireshark-retrans.pcap", "url",
        "no Host header: tshark writes http:///path, Leakscope uses the server address and port" },
    { "zeek__tcp_retransmit-timeout.pcapng", "url",
        "no Host header: tshark writes no URL, Leakscope uses the server address" },
    { "libpcap__arcnet-rfc1201-arp-icmp-http.pcap", "dns,tcp,udp",
        "ARCNET link type: not supported by Leakscope (the import warns about it)" },
    { "ndpi__fuzz-2006-06-26-2594.pcap", "udp",
        "a fuzzing input of randomly damaged packets: the two readers give up on different broken headers" },
    { "pcapplusplus__DnsPackets.pcap", "dns",
        "tshark names the root domain \"<Root>\"; Leakscope skips answers for it" },
    { "ndpi__telegram.pcap", "dns", "tshark names the root domain \"<Root>\"; Leakscope skips answers for it" },
    { "tcpdump__bigtcp-ipv6.pcap", "tcp",
        "IPv6 BIG TCP (payload length 0 without a jumbo option): tshark 4.0 does not decode it, Leakscope uses the "
        "captured length" },
    { "tcpdump__quic_vn.pcap", "sni",
        "after version negotiation tshark derives Initial keys from the first (negotiated-away) DCID and cannot read "
        "the ClientHello; Leakscope uses the first Initial of a version it knows" },
    { "zeek__tcp-http-with-padding.pcap", "url", "HTTP on port 27272, which tshark does not dissect as HTTP" },
    { "ndpi__http2.pcapng", "url", "cleartext HTTP/2 on port 29518, which tshark does not dissect as HTTP/2" },
    { "zeek__tls_ssl-to-http-server.pcap", "sni", "TLS sent to port 80: tshark dissects it as HTTP" },
    { "ndpi__reasm_crash_anon.pcapng", "tcp", "anonymised trace whose IP lengths disagree with its frame lengths" },
    { "pcapplusplus__unidirectional_tcp_stream_with_missing_packet.pcap", "url",
        "a segment the capture lost is never retransmitted: tshark (out-of-order reassembly on) waits for it forever, "
        "Leakscope declares a gap after 10 s and reads the request" },
    { "pcapplusplus__pcapng-example.pcapng", "tcp",
        "packets of one 5-tuple years apart (stitched sections): a new conversation after 2 h of silence" },
};

QStringList exceptedKinds(const QString& file)
{
    for (const Exception& e : kExceptions) {
        if (file == QLatin1String(e.file))
            return QString::fromLatin1(e.kinds).split(u',');
    }
    return {};
}

/// mDNS (.local) names are left out: tshark's flat dns.resp.* fields do not line up record by record for
/// mDNS packets, so its view cannot be rebuilt reliably. tst_pcapimporter checks mDNS on its own fixture.
QSet<QString> withoutLocal(const QSet<QString>& names)
{
    QSet<QString> out;
    for (const QString& n : names) {
        if (!n.endsWith(QStringLiteral(".local")))
            out.insert(n);
    }
    return out;
}

} // namespace

class TestPcapTshark : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_tshark = Packet::TlsDecryptor::tsharkPath();
        for (const QString& dir : { QStringLiteral("pcap"), QStringLiteral("pcapng") }) {
            const QString path = TestUtils::corpus(dir);
            if (path.isEmpty())
                continue;
            for (const QString& name : QDir(path).entryList(QDir::Files, QDir::Name))
                m_files << QDir(path).filePath(name);
        }
    }

    void corpus_data()
    {
        QTest::addColumn<int>("index");
        if (m_files.isEmpty())
            QTest::newRow("no corpus") << -1;
        for (int i = 0; i < m_files.size(); ++i)
            QTest::newRow(qPrintable(QFileInfo(m_files[i]).fileName())) << i;
    }

    void corpus()
    {
        QFETCH(int, index);
        if (index < 0)
            QSKIP("the shared corpus is not present");
        if (m_tshark.isEmpty())
            QSKIP("tshark is not installed");
        // tshark spends about a second registering dissectors per file: keep the next files' runs going
        // while this one is compared.
        for (int i = index; i < std::min<int>(index + kParallel, static_cast<int>(m_files.size())); ++i) {
            if (m_running.count(i))
                continue;
            auto p = std::make_unique<QProcess>();
            p->start(m_tshark, tsharkArguments(m_files[i]));
            m_running[i] = std::move(p);
        }
        const QString file = m_files[index];
        const QString name = QFileInfo(file).fileName();
        CollectingSink sink;
        QString error;
        const bool ok = importFile(file, sink, &error);
        std::unique_ptr<QProcess> p = std::move(m_running[index]);
        m_running.erase(index);
        QVERIFY2(p->waitForFinished(300000), "tshark did not finish");
        View theirs = tsharkView(p->readAllStandardOutput());
        View ours = ourView(sink);
        theirs.dns = withoutLocal(theirs.dns);
        ours.dns = withoutLocal(ours.dns);

        QStringList mismatched;
        QString detail;
        auto compareSets = [&](const char* kind, const QSet<QString>& o, const QSet<QString>& t) {
            if (o != t) {
                mismatched << QString::fromLatin1(kind);
                detail += QStringLiteral(" %1:%2").arg(QString::fromLatin1(kind), diff(o, t));
            }
        };
        compareSets("sni", ours.snis, theirs.snis);
        compareSets("dns", ours.dns, theirs.dns);
        compareSets("url", ours.urls, theirs.urls);
        if (ours.tcpBytes != theirs.tcpBytes)
            mismatched << QStringLiteral("tcp");
        if (ours.udpBytes != theirs.udpBytes)
            mismatched << QStringLiteral("udp");
        if (qEnvironmentVariableIsSet("LEAKSCOPE_TSHARK_TABLE"))
            qInfo().noquote() << QStringLiteral("TABLE\t%1\t%2\t%3\t%4\t%5/%6\t%7/%8\t%9/%10\t%11")
                                     .arg(name, ok ? QStringLiteral("ok") : QStringLiteral("error: ") + error)
                                     .arg(sink.connections.size())
                                     .arg(sink.flows.size())
                                     .arg(ours.snis.size())
                                     .arg(theirs.snis.size())
                                     .arg(ours.dns.size())
                                     .arg(theirs.dns.size())
                                     .arg(ours.urls.size())
                                     .arg(theirs.urls.size())
                                     .arg(mismatched.isEmpty() ? QStringLiteral("agrees")
                                                               : QStringLiteral("differs: ") + mismatched.join(u','));
        const QStringList allowed = exceptedKinds(name);
        for (const QString& kind : allowed) {
            if (!mismatched.contains(kind))
                qWarning().noquote() << "the listed exception for" << kind << "no longer applies";
        }
        QStringList unexpected;
        for (const QString& kind : std::as_const(mismatched)) {
            if (!allowed.contains(kind))
                unexpected << kind;
        }
        QVERIFY2(unexpected.isEmpty(),
            qPrintable(QStringLiteral("%1 differ from tshark:%2").arg(unexpected.join(u','), detail)));
    }

private:
    static constexpr int kParallel = 3;
    QString m_tshark;
    QStringList m_files;
    std::map<int, std::unique_ptr<QProcess>> m_running;
};

QTEST_GUILESS_MAIN(TestPcapTshark)
#include "tst_pcaptshark.moc"
