// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "redactor.h"

#include "store/database.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace {

QStringList variantsOf(const QString& value)
{
    const QString trimmed = value.trimmed();
    QStringList out { trimmed, trimmed.toLower(), trimmed.toUpper(),
        QString::fromLatin1(QUrl::toPercentEncoding(trimmed)) };
    out.removeDuplicates();
    out.removeIf([](const QString& s) { return s.size() < 4; });
    return out;
}

} // namespace

Redactor::Redactor(Database& db, bool enabled)
    : m_enabled(enabled)
{
    if (!enabled)
        return;
    Statement st(db.handle(), "SELECT value FROM known_identifiers");
    while (st.step())
        m_secrets += variantsOf(st.text(0));
    m_secrets.removeDuplicates();
    std::sort(
        m_secrets.begin(), m_secrets.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

Redactor::Redactor(const QStringList& secrets, bool enabled)
    : m_enabled(enabled)
{
    for (const QString& s : secrets)
        m_secrets += variantsOf(s);
    m_secrets.removeDuplicates();
    std::sort(
        m_secrets.begin(), m_secrets.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
}

QString Redactor::mask(const QString& value)
{
    if (value.size() < 8)
        return QStringLiteral("•••");
    return value.left(2) + QStringLiteral("•••") + value.right(2);
}

QString Redactor::apply(const QString& input) const
{
    if (!m_enabled || input.isEmpty())
        return input;
    QString text = input;
    for (const QString& secret : m_secrets) {
        // Each occurrence is masked from its own letters, so "ZQ7…" stays recognisably upper case.
        for (qsizetype at = text.indexOf(secret, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(secret, at, Qt::CaseInsensitive)) {
            const QString masked = mask(text.mid(at, secret.size()));
            text.replace(at, secret.size(), masked);
            at += masked.size();
        }
    }
    // Patterns: each replaces the sensitive part (the last capture group) by its mask.
    static const QRegularExpression patterns[] = {
        // JSON Web Tokens
        QRegularExpression(QStringLiteral("(eyJ[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]{6,}\\.[A-Za-z0-9_-]*)")),
        // Authorization: Bearer / Basic credentials
        QRegularExpression(QStringLiteral("(?i)\\b(?:bearer|basic)\\s+([A-Za-z0-9._~+/=-]{8,})")),
        // key=value pairs of session ids, tokens, passwords (URLs, cookies, forms)
        QRegularExpression(QStringLiteral(
            "(?i)(?:^|[?&;,\\s\"'])(?:[a-z0-9_.-]*(?:session|sess|sid|token|auth|passw(?:or)?d|pwd|secret|api[_-]?key|"
            "access[_-]?key|credential|cookie)[a-z0-9_.-]*)=(?!(?:bearer|basic)\\b)([^&;,\\s\"']{4,})")),
        // key: value (headers, JSON, prose): only values that look like a secret (a digit, or 12+ characters), so
        // that a label such as "Session: start-up, log-in" stays readable
        QRegularExpression(
            QStringLiteral("(?i)(?:^|[?&;,\\s\"'{])\"?(?:[a-z0-9_.-]*(?:session|sess|sid|token|auth|passw(?:or)?d|pwd|"
                           "secret|api[_-]?key|access[_-]?key|credential|cookie)[a-z0-9_.-]*)\"?\\s*:\\s*\"?(?!(?:"
                           "bearer|basic)\\b)(?=[^&;,\\s\"']*[0-9]|[^&;,\\s\"']{12,})([^&;,\\s\"']{4,})")),
        // long opaque tokens (hex, base64url) that are not URLs' ordinary words
        QRegularExpression(QStringLiteral("(?<![A-Za-z0-9_/.-])([A-Za-z0-9_-]{32,}={0,2})(?![A-Za-z0-9_-])")),
    };
    for (const QRegularExpression& re : patterns) {
        QString out;
        qsizetype last = 0;
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            const int group = re.captureCount();
            out += text.mid(last, m.capturedStart(group) - last) + mask(m.captured(group));
            last = m.capturedEnd(group);
        }
        if (last > 0)
            text = out + text.mid(last);
    }
    return text;
}
