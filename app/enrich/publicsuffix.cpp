// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "publicsuffix.h"

#include "common/ipaddress.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <cstring>
#include <libpsl.h>

PublicSuffix::PublicSuffix() = default;

PublicSuffix::~PublicSuffix()
{
    if (m_ctx)
        psl_free(m_ctx);
}

bool PublicSuffix::load(const QString& path, QString* error)
{
    if (m_ctx)
        psl_free(m_ctx);
    m_ctx = nullptr;
    if (!path.isEmpty()) {
        m_ctx = psl_load_file(QFile::encodeName(path).constData());
        if (m_ctx) {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly)) {
                // The upstream header: "// VERSION: 2025-10-24_07-59-11_UTC"
                for (int i = 0; i < 40 && !f.atEnd(); ++i) {
                    const QByteArray line = f.readLine(512).trimmed();
                    if (line.startsWith("// VERSION:")) {
                        m_version = QString::fromLatin1(line.mid(11).trimmed());
                        break;
                    }
                }
            }
            if (m_version.isEmpty())
                m_version = QFileInfo(path).lastModified().toUTC().toString(Qt::ISODate);
            return true;
        }
        if (error)
            *error = QStringLiteral("%1: not a public suffix list; using the system's copy").arg(path);
    }
    // libpsl's own choice: the newest of the distribution's list and its built-in data (psl_free() leaves the
    // static built-in context alone, so either can be freed the same way).
    m_ctx = psl_latest(nullptr);
    if (!m_ctx)
        m_ctx = const_cast<psl_ctx_t*>(psl_builtin());
    m_version = QStringLiteral("libpsl %1 (%2)")
                    .arg(QString::fromLatin1(psl_get_version()),
                        QDateTime::fromSecsSinceEpoch(psl_builtin_file_time()).toUTC().date().toString(Qt::ISODate));
    return m_ctx != nullptr;
}

bool PublicSuffix::isIpLiteral(const QString& host)
{
    QString h = host;
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    return !h.isEmpty() && IpAddress::parse(h).has_value();
}

QString PublicSuffix::normalizeHost(const QString& input)
{
    QString h = input.trimmed();
    if (h.startsWith(u'[')) {
        const qsizetype close = h.indexOf(u']');
        return close > 0 ? h.mid(1, close - 1).toLower() : QString();
    }
    if (h.count(u':') == 1)
        h = h.left(h.indexOf(u':')); // host:port
    while (h.endsWith(u'.'))
        h.chop(1);
    if (h.isEmpty() || isIpLiteral(h))
        return h.toLower();
    const QByteArray ace = QUrl::toAce(h.toLower(), QUrl::AceTransitionalProcessing);
    if (ace.isEmpty())
        return {};
    for (char c : ace) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'))
            return {};
    }
    return QString::fromLatin1(ace);
}

namespace {

/// libpsl matches the list's Unicode rules against UTF-8 lowercase input.
QByteArray toPslInput(const QString& aceHost)
{
    return QUrl::fromAce(aceHost.toLatin1()).toLower().toUtf8();
}

QString fromPslOutput(const char* utf8)
{
    return QString::fromLatin1(QUrl::toAce(QString::fromUtf8(utf8)));
}

} // namespace

QString PublicSuffix::registrableDomain(const QString& host) const
{
    const QString h = normalizeHost(host);
    if (!m_ctx || h.isEmpty() || isIpLiteral(h))
        return {};
    const QByteArray input = toPslInput(h);
    const char* reg = psl_registrable_domain(m_ctx, input.constData());
    return reg ? fromPslOutput(reg) : QString();
}

QString PublicSuffix::ownerDomain(const QString& host) const
{
    const QString h = normalizeHost(host);
    if (!m_ctx || h.isEmpty() || isIpLiteral(h))
        return {};
    const QByteArray input = toPslInput(h);
    // Walk from the longest suffix: the first ICANN public suffix found decides, one label more is the owner.
    const char* previous = nullptr;
    const char* p = input.constData();
    while (p && *p) {
        if (psl_is_public_suffix2(m_ctx, p, PSL_TYPE_ICANN))
            return previous ? fromPslOutput(previous) : QString();
        previous = p;
        const char* dot = std::strchr(p, '.');
        p = dot ? dot + 1 : nullptr;
    }
    return {};
}

QString PublicSuffix::siteOf(const QString& host) const
{
    const QString registrable = registrableDomain(host);
    return registrable.isEmpty() ? normalizeHost(host) : registrable;
}

bool PublicSuffix::isPublicSuffix(QByteArrayView suffix) const
{
    if (!m_ctx || suffix.isEmpty())
        return false;
    const QByteArray s = suffix.toByteArray().toLower();
    return psl_is_public_suffix2(m_ctx, s.constData(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}
