// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsdecryptor.h"

#include "common/timeutil.h"

#include <QFileInfo>
#include <QList>
#include <QProcess>
#include <QStandardPaths>

namespace Packet {

namespace {

int64_t parseEpoch(const QByteArray& text)
{
    const qsizetype dot = text.indexOf('.');
    const int64_t seconds = (dot < 0 ? text : text.left(dot)).toLongLong();
    int64_t micros = 0;
    if (dot >= 0) {
        QByteArray fraction = text.mid(dot + 1, 6);
        while (fraction.size() < 6)
            fraction += '0';
        micros = fraction.toLongLong();
    }
    return TimeUtil::fromEpochParts(seconds, micros); // saturated: a file's time can say anything
}

} // namespace

QString TlsDecryptor::tsharkPath()
{
    if (qEnvironmentVariableIsSet("LEAKSCOPE_TSHARK")) {
        const QString configured = qEnvironmentVariable("LEAKSCOPE_TSHARK");
        return !configured.isEmpty() && QFileInfo(configured).isExecutable() ? configured : QString();
    }
    return QStandardPaths::findExecutable(QStringLiteral("tshark"));
}

bool TlsDecryptor::run(const QString& capture, const QString& keyLogFile, const HelloHandler& hello,
    const ChunkHandler& chunk, const KeepGoing& keepGoing, QString* error)
{
    const QString tshark = tsharkPath();
    if (tshark.isEmpty()) {
        *error = QStringLiteral("tshark is not installed");
        return false;
    }
    QProcess p;
    p.setProgram(tshark);
    // -n: no name lookups (the app contacts nobody). The HTTP dissectors are off so that decrypted bytes end
    // up in data.data instead of being parsed by Wireshark.
    p.setArguments({ QStringLiteral("-n"), QStringLiteral("-r"), capture, QStringLiteral("-o"),
        QStringLiteral("tls.keylog_file:") + keyLogFile, QStringLiteral("--disable-protocol"), QStringLiteral("http"),
        QStringLiteral("--disable-protocol"), QStringLiteral("http2"), QStringLiteral("-Y"),
        QStringLiteral("tcp && (tls.handshake.type == 1 || (tls.record && data.data))"), QStringLiteral("-T"),
        QStringLiteral("fields"), QStringLiteral("-E"), QStringLiteral("separator=/t"), QStringLiteral("-E"),
        QStringLiteral("occurrence=a"), QStringLiteral("-e"), QStringLiteral("frame.number"), QStringLiteral("-e"),
        QStringLiteral("frame.time_epoch"), QStringLiteral("-e"), QStringLiteral("tcp.stream"), QStringLiteral("-e"),
        QStringLiteral("tcp.srcport"), QStringLiteral("-e"), QStringLiteral("tls.handshake.type"), QStringLiteral("-e"),
        QStringLiteral("tls.handshake.random"), QStringLiteral("-e"), QStringLiteral("data.data") });
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QIODevice::ReadOnly);
    if (!p.waitForStarted(30000)) {
        *error = QStringLiteral("tshark could not be started (%1)").arg(p.errorString());
        return false;
    }
    QByteArray partial;
    bool stopped = false;
    auto handleLine = [&](const QByteArray& line) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 7)
            return;
        const int64_t frame = f[0].toLongLong();
        const uint32_t stream = f[2].toUInt();
        const QList<QByteArray> types = f[4].split(',');
        if (types.contains("1") && !f[5].isEmpty()) {
            const QByteArray random = QByteArray::fromHex(f[5].split(',').first());
            if (random.size() == 32)
                hello(Hello { frame, stream, random });
        }
        if (f[6].isEmpty())
            return;
        Chunk c;
        c.frame = frame;
        c.ts = parseEpoch(f[1]);
        c.stream = stream;
        c.sourcePort = static_cast<uint16_t>(f[3].split(',').last().toUInt());
        for (const QByteArray& hex : f[6].split(','))
            c.data += QByteArray::fromHex(hex);
        if (!c.data.isEmpty())
            chunk(c);
    };
    for (;;) {
        const bool finished = p.state() == QProcess::NotRunning || p.waitForFinished(0);
        if (!finished)
            p.waitForReadyRead(200);
        partial += p.readAllStandardOutput();
        qsizetype start = 0;
        for (qsizetype nl; (nl = partial.indexOf('\n', start)) >= 0; start = nl + 1) {
            QByteArray line = partial.mid(start, nl - start);
            if (line.endsWith('\r'))
                line.chop(1);
            handleLine(line);
        }
        partial.remove(0, start);
        if (keepGoing && !keepGoing()) {
            stopped = true;
            p.kill();
            p.waitForFinished(5000);
            break;
        }
        if (finished && p.bytesAvailable() == 0)
            break;
    }
    if (!partial.trimmed().isEmpty())
        handleLine(partial.trimmed());
    if (stopped) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        QString message;
        for (const QString& line : QString::fromUtf8(p.readAllStandardError()).split(u'\n')) {
            const QString t = line.trimmed();
            if (!t.isEmpty() && !t.startsWith(QStringLiteral("Running as user")))
                message = message.isEmpty() ? t : message;
        }
        *error = QStringLiteral("tshark failed (exit code %1)%2")
                     .arg(p.exitCode())
                     .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message.left(300));
        return false;
    }
    return true;
}

} // namespace Packet
