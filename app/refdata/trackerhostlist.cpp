// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "trackerhostlist.h"

#include <QFile>

#include <algorithm>
#include <vector>

namespace {

constexpr qint64 kMaxFile = 64ll << 20;

bool isHostChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/// Options that make a rule apply only on some sites or change what it does (rather than block the host).
bool optionsLimitRule(const QByteArray& options)
{
    const QList<QByteArray> parts = options.split(',');
    for (QByteArray o : parts) {
        o = o.trimmed();
        const qsizetype eq = o.indexOf('=');
        const QByteArray key = (eq >= 0 ? o.left(eq) : o).toLower();
        static const char* const limiting[] = { "domain", "from", "to", "csp", "badfilter", "redirect", "redirect-rule",
            "removeparam", "header", "permissions", "denyallow", "method", "replace", "urltransform", "uritransform",
            "rewrite" };
        for (const char* l : limiting) {
            if (key == l)
                return true;
        }
    }
    return false;
}

/// The host of a `||host^` or `||host^$options` rule, or an empty array.
QByteArray hostOfRule(const QByteArray& rule)
{
    if (!rule.startsWith("||"))
        return {};
    qsizetype i = 2;
    while (i < rule.size() && isHostChar(rule[i]))
        ++i;
    if (i == 2 || i >= rule.size() || rule[i] != '^')
        return {};
    const QByteArray rest = rule.mid(i + 1);
    if (!rest.isEmpty() && !(rest.startsWith('$') && !optionsLimitRule(rest.mid(1))))
        return {};
    const QByteArray host = rule.mid(2, i - 2);
    // A bare public suffix ("||com^") or an address fragment is not a host rule worth keeping.
    if (!host.contains('.') || host.startsWith('.') || host.endsWith('.'))
        return {};
    return host;
}

} // namespace

int TrackerHostList::addAdblockList(const QByteArray& list, Flag flag)
{
    int taken = 0;
    qsizetype pos = 0;
    while (pos < list.size()) {
        qsizetype end = list.indexOf('\n', pos);
        if (end < 0)
            end = list.size();
        QByteArray line = list.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty() || line.startsWith('!') || line.startsWith('['))
            continue;
        const bool exception = line.startsWith("@@");
        const QByteArray host = hostOfRule(exception ? line.mid(2) : line).toLower();
        if (host.isEmpty())
            continue;
        const QString h = QString::fromLatin1(host);
        if (exception) {
            m_exceptions[h] |= flag;
            continue;
        }
        m_hosts[h] |= flag;
        ++taken;
    }
    for (auto it = m_exceptions.cbegin(); it != m_exceptions.cend(); ++it) {
        auto found = m_hosts.find(it.key());
        if (found != m_hosts.end()) {
            *found &= static_cast<quint8>(~it.value());
            if (*found == 0)
                m_hosts.erase(found);
        }
    }
    return taken;
}

QByteArray TrackerHostList::serialize(const QByteArray& headerComment) const
{
    QByteArray out;
    for (const QByteArray& line : headerComment.split('\n')) {
        if (!line.isEmpty())
            out += "# " + line + '\n';
    }
    std::vector<std::pair<QString, quint8>> sorted;
    sorted.reserve(static_cast<size_t>(m_hosts.size()));
    for (auto it = m_hosts.cbegin(); it != m_hosts.cend(); ++it)
        sorted.emplace_back(it.key(), it.value());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [host, flags] : sorted) {
        out += host.toLatin1() + '\t';
        if (flags & Tracking)
            out += 'T';
        if (flags & Advertising)
            out += 'A';
        out += '\n';
    }
    return out;
}

bool TrackerHostList::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return loadBytes(file.read(kMaxFile), error);
}

bool TrackerHostList::loadBytes(const QByteArray& text, QString* error)
{
    m_hosts.clear();
    qsizetype pos = 0;
    qint64 lineNo = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype tab = line.indexOf('\t');
        quint8 flags = 0;
        if (tab > 0) {
            for (char c : line.mid(tab + 1))
                flags |= c == 'T' ? Tracking : c == 'A' ? Advertising : 0;
        }
        if (tab <= 0 || flags == 0) {
            *error = QStringLiteral("line %1: expected host<TAB>flags").arg(lineNo);
            m_hosts.clear();
            return false;
        }
        m_hosts.insert(QString::fromLatin1(line.left(tab)), flags);
    }
    return true;
}

quint8 TrackerHostList::lookup(const QString& host) const
{
    if (m_hosts.isEmpty())
        return 0;
    // Every listed suffix applies (||adjust.com^ covers app.adjust.com too), so the flags add up.
    quint8 flags = 0;
    QStringView h(host);
    while (!h.isEmpty()) {
        const auto it = m_hosts.constFind(h.toString());
        if (it != m_hosts.cend())
            flags |= it.value();
        const qsizetype dot = h.indexOf(u'.');
        if (dot < 0)
            break;
        h = h.mid(dot + 1);
    }
    return flags;
}

QString TrackerHostList::categoryName(quint8 flags)
{
    if ((flags & Advertising) && (flags & Tracking))
        return QStringLiteral("advertising, tracking");
    if (flags & Advertising)
        return QStringLiteral("advertising");
    if (flags & Tracking)
        return QStringLiteral("tracking");
    return {};
}
