// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "registrabledomain.h"

#include <QDateTime>

#include <arpa/inet.h>
#include <libpsl.h>

namespace RegistrableDomain {

namespace {

/// The context is read-only after loading, so one shared instance serves every thread.
const psl_ctx_t* context()
{
    static const psl_ctx_t* const ctx = [] {
        const psl_ctx_t* latest = psl_latest(nullptr);
        return latest ? latest : psl_builtin();
    }();
    return ctx;
}

bool isIpLiteral(const QByteArray& h)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, h.constData(), buf) == 1 || inet_pton(AF_INET6, h.constData(), buf) == 1;
}

} // namespace

QString of(const QString& host)
{
    QString h = host.trimmed().toLower();
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    if (h.isEmpty())
        return h;
    const QByteArray utf8 = h.toUtf8();
    if (h.startsWith(QLatin1Char('[')) || isIpLiteral(utf8))
        return h;
    const psl_ctx_t* ctx = context();
    if (!ctx)
        return h;
    const char* registrable = psl_registrable_domain(ctx, utf8.constData());
    return registrable ? QString::fromUtf8(registrable) : h;
}

bool isPublicSuffix(QByteArrayView suffix)
{
    const psl_ctx_t* ctx = context();
    if (!ctx || suffix.isEmpty())
        return false;
    const QByteArray s = suffix.toByteArray();
    return psl_is_public_suffix2(ctx, s.constData(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

QString listVersion()
{
    const time_t t = psl_builtin_file_time();
    return QStringLiteral("libpsl %1, built-in list of %2")
        .arg(QString::fromLatin1(psl_get_version()),
            QDateTime::fromSecsSinceEpoch(static_cast<qint64>(t), Qt::UTC).date().toString(Qt::ISODate));
}

} // namespace RegistrableDomain
