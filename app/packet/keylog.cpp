// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "keylog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>

#include <cstring>

namespace Packet {

namespace {

bool isKnownLabel(const QByteArray& label)
{
    static const char* const labels[] = { "CLIENT_RANDOM", "CLIENT_EARLY_TRAFFIC_SECRET",
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
        "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET", "EARLY_EXPORTER_SECRET" };
    for (const char* l : labels) {
        if (label == l)
            return true;
    }
    return false;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isHex(const QByteArray& s)
{
    for (char c : s) {
        if (hexValue(c) < 0)
            return false;
    }
    return !s.isEmpty();
}

} // namespace

int KeyLog::addText(const QByteArray& text, int* ignored)
{
    int usable = 0;
    int bad = 0;
    for (const QByteArray& raw : text.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() != 3 || !isKnownLabel(parts[0]) || parts[1].size() != 64 || !isHex(parts[1])
            || !isHex(parts[2])) {
            ++bad;
            continue;
        }
        Random r;
        for (int i = 0; i < 32; ++i)
            r[static_cast<size_t>(i)] =
                static_cast<uint8_t>(hexValue(parts[1][2 * i]) * 16 + hexValue(parts[1][2 * i + 1]));
        m_randoms.insert(r);
        m_text += line + '\n';
        ++m_lines;
        ++usable;
    }
    if (ignored)
        *ignored = bad;
    return usable;
}

bool KeyLog::covers(const uint8_t* clientRandom) const
{
    Random r;
    memcpy(r.data(), clientRandom, 32);
    return m_randoms.count(r) > 0;
}

bool KeyLog::looksLikeKeyLog(const QByteArray& head)
{
    for (const QByteArray& raw : head.left(8192).split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        return parts.size() == 3 && isKnownLabel(parts[0]) && parts[1].size() == 64 && isHex(parts[1]);
    }
    return false;
}

QString KeyLog::findCompanion(const QString& capturePath)
{
    const QFileInfo info(capturePath);
    const QDir dir = info.absoluteDir();
    // "x.pcapng.gz" → bases "x.pcapng.gz", "x.pcapng", "x".
    QStringList bases { info.fileName() };
    QString base = info.fileName();
    for (const QString& ext : { QStringLiteral(".gz"), QStringLiteral(".zst"), QStringLiteral(".pcapng"),
             QStringLiteral(".pcap"), QStringLiteral(".cap"), QStringLiteral(".dmp") }) {
        if (base.endsWith(ext, Qt::CaseInsensitive)) {
            base.chop(ext.size());
            bases << base;
        }
    }
    static const char* const suffixes[] = { ".keylog", ".keys", ".sslkeylog", ".keylog.txt", ".keys.txt", "_keylog.txt",
        "-keylog.txt", "_keys.txt", "-keys.txt", ".tls-keys", ".txt" };
    for (auto b = bases.crbegin(); b != bases.crend(); ++b) {
        for (const char* suffix : suffixes) {
            const QString candidate = dir.filePath(*b + QLatin1String(suffix));
            if (candidate == info.absoluteFilePath() || !QFileInfo(candidate).isFile())
                continue;
            QFile f(candidate);
            if (f.open(QIODevice::ReadOnly) && looksLikeKeyLog(f.read(8192)))
                return candidate;
        }
    }
    return {};
}

} // namespace Packet
