// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "variants.h"

#include "common/hashing.h"
#include "phonenumbers.h"

#include <QRegularExpression>
#include <QSet>

namespace Detect::Variants {

namespace {

struct Form
{
    QByteArray bytes;
    QString name; ///< "the email as entered", "the normalised email", "the raw 16-byte UUID"
    bool binary = false;
    bool hash = false; ///< hashes of this form are searched too
    int rank = 0;
};

bool isHexText(const QByteArray& v)
{
    for (char c : v) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return !v.isEmpty();
}

bool isUuid(const QByteArray& v)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"));
    return re.match(QString::fromLatin1(v)).hasMatch();
}

QByteArray macHex(const QByteArray& v)
{
    static const QRegularExpression re(QStringLiteral("^(?:[0-9a-fA-F]{2}([:-]))(?:[0-9a-fA-F]{2}\\1){4}[0-9a-fA-F]{2}$"
                                                      "|^[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}\\.[0-9a-fA-F]{4}$"));
    if (!re.match(QString::fromLatin1(v)).hasMatch())
        return {};
    QByteArray hex;
    for (char c : v) {
        if (c != ':' && c != '-' && c != '.')
            hex.append(c);
    }
    return hex.toLower();
}

QByteArray urlEncode(const QByteArray& v)
{
    return v.toPercentEncoding();
}

QByteArray formEncode(const QByteArray& v)
{
    QByteArray out = v.toPercentEncoding(" ");
    out.replace(' ', '+');
    return out;
}

/// JSON as many encoders write it: '/' as "\/", non-ASCII as \uXXXX.
QByteArray jsonEscapeSlashUnicode(const QByteArray& v)
{
    QByteArray out;
    const QString s = QString::fromUtf8(v);
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '/')
            out += "\\/";
        else if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, static_cast<char>(u));
        else if (u < 0x20 || u >= 0x7F)
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toLatin1();
        else
            out += static_cast<char>(u);
    }
    return out;
}

/// JSON as HTML-safe encoders (Gson, some JavaScript minifiers) write it: < > & = ' @ as \uXXXX too.
QByteArray jsonEscapeHtmlSafe(const QByteArray& v)
{
    QByteArray out;
    const QString s = QString::fromUtf8(v);
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, static_cast<char>(u));
        else if (u < 0x20 || u >= 0x7F || u == '<' || u == '>' || u == '&' || u == '=' || u == '\'' || u == '@')
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toLatin1();
        else
            out += static_cast<char>(u);
    }
    return out;
}

QByteArray htmlEntities(const QByteArray& v)
{
    QByteArray out;
    for (char c : v) {
        if (c == '@' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'')
            out += "&#" + QByteArray::number(static_cast<unsigned char>(c)) + ';';
        else
            out += c;
    }
    return out;
}

struct HashAlgorithm
{
    Digest::Algorithm algorithm;
    const char* name;
};
const HashAlgorithm kHashes[] = { { Digest::Md5, "MD5" }, { Digest::Sha1, "SHA-1" }, { Digest::Sha224, "SHA-224" },
    { Digest::Sha256, "SHA-256" }, { Digest::Sha384, "SHA-384" }, { Digest::Sha512, "SHA-512" } };

class Builder
{
public:
    void add(const QByteArray& pattern, bool caseSensitive, const QString& description, int rank)
    {
        if (pattern.size() < 4)
            return;
        const QByteArray key = (caseSensitive ? QByteArray("s:") + pattern : QByteArray("i:") + pattern.toLower());
        if (m_seen.contains(key))
            return;
        m_seen.insert(key);
        m_out.push_back({ pattern, caseSensitive, description, rank });
    }

    void encodings(const Form& f)
    {
        const int r = f.rank;
        if (f.binary) {
            add(f.bytes, true, f.name, r + 3);
        } else {
            add(f.bytes, false, f.name, r);
            const QByteArray url = urlEncode(f.bytes);
            if (url != f.bytes) {
                add(url, false, QStringLiteral("URL-encoded %1").arg(f.name), r + 1);
                add(urlEncode(url), false, QStringLiteral("double URL-encoded %1").arg(f.name), r + 1);
            }
            const QByteArray form = formEncode(f.bytes);
            if (form != url && form != f.bytes)
                add(form, false, QStringLiteral("form-encoded %1").arg(f.name), r + 1);
            for (const QByteArray& j : { jsonEscapeSlashUnicode(f.bytes), jsonEscapeHtmlSafe(f.bytes) }) {
                if (j != f.bytes)
                    add(j, false, QStringLiteral("JSON-escaped %1").arg(f.name), r + 1);
            }
            const QByteArray html = htmlEntities(f.bytes);
            if (html != f.bytes)
                add(html, false, QStringLiteral("HTML-escaped %1").arg(f.name), r + 1);
        }
        for (int alignment = 0; alignment < 3; ++alignment) {
            for (bool urlSafe : { false, true }) {
                const QByteArray middle = base64Middle(f.bytes, alignment, urlSafe);
                if (middle.size() >= 8)
                    add(middle, true,
                        QStringLiteral("%1 of %2")
                            .arg(urlSafe ? QStringLiteral("URL-safe base64") : QStringLiteral("base64"), f.name),
                        r + 2);
            }
        }
        if (f.binary || r <= 1)
            add(f.bytes.toHex(), false, QStringLiteral("hex of %1").arg(f.name), r + 2);
    }

    void hashes(const Form& f)
    {
        if (!f.hash)
            return;
        for (const HashAlgorithm& h : kHashes) {
            const QByteArray digest = Digest::hash(f.bytes, h.algorithm);
            const QString name = QString::fromLatin1(h.name);
            add(digest.toHex(), false, QStringLiteral("%1 (hex) of %2").arg(name, f.name), 4 + f.rank);
            add(digest.toBase64(), true, QStringLiteral("%1 (base64) of %2").arg(name, f.name), 4 + f.rank);
            add(digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals), true,
                QStringLiteral("%1 (URL-safe base64) of %2").arg(name, f.name), 4 + f.rank);
        }
    }

    std::vector<Variant> take()
    {
        return std::move(m_out);
    }

private:
    QSet<QByteArray> m_seen;
    std::vector<Variant> m_out;
};

void addForm(
    std::vector<Form>& forms, const QByteArray& bytes, const QString& name, bool hash, int rank, bool binary = false)
{
    for (Form& f : forms) {
        if (f.bytes == bytes) {
            f.hash |= hash;
            return;
        }
    }
    forms.push_back({ bytes, name, binary, hash, rank });
}

std::vector<Form> formsOf(const Data::KnownIdentifier& k, Kind kind, const QString& region)
{
    std::vector<Form> forms;
    const QByteArray v = k.value.trimmed().toUtf8();
    switch (kind) {
    case Kind::Email: {
        const QByteArray lower = v.toLower();
        // Normalised first: when the entered value already is normalised, that is the name to report.
        addForm(forms, lower, QStringLiteral("the normalised email"), true, 0);
        addForm(forms, v, QStringLiteral("the email as entered"), true, 0);
        const qsizetype at = lower.lastIndexOf('@');
        QByteArray local = lower.left(at);
        const QByteArray domain = lower.mid(at + 1);
        const qsizetype plus = local.indexOf('+');
        if (plus > 0)
            addForm(forms, local.left(plus) + '@' + domain, QStringLiteral("the email without its +tag"), true, 1);
        if (domain == "gmail.com" || domain == "googlemail.com") {
            QByteArray canonical = plus > 0 ? local.left(plus) : local;
            canonical.replace('.', "");
            addForm(forms, canonical + "@gmail.com",
                QStringLiteral("the Gmail-canonical email (dots and +tag removed)"), true, 1);
        }
        addForm(forms, v.toUpper(), QStringLiteral("the email in capitals"), false, 1);
        if (local.size() >= 6)
            addForm(forms, v.left(v.lastIndexOf('@')), QStringLiteral("the local part of the email"), false, 2);
        break;
    }
    case Kind::Phone: {
        const auto p = PhoneNumbers::parseValid(v, region);
        addForm(forms, v, QStringLiteral("the phone number as entered"), true, 0);
        if (p) {
            addForm(forms, p->e164, QStringLiteral("the phone number in E.164"), true, 1);
            addForm(forms, p->e164.mid(1), QStringLiteral("the phone number as digits with country code"), true, 1);
            addForm(forms, p->nationalDigits, QStringLiteral("the national phone number as digits"), true, 1);
            addForm(forms, p->national, QStringLiteral("the national phone number, formatted"), false, 1);
            addForm(forms, p->international, QStringLiteral("the international phone number, formatted"), false, 1);
            QByteArray dashed = p->national;
            dashed.replace("(", "").replace(") ", "-").replace(")", "-").replace(' ', '-');
            addForm(forms, dashed, QStringLiteral("the national phone number with dashes"), false, 1);
            addForm(forms, "00" + p->e164.mid(1), QStringLiteral("the phone number with 00 international prefix"),
                false, 1);
            QByteArray spaced = p->international;
            spaced.replace('-', ' ');
            addForm(forms, spaced, QStringLiteral("the international phone number with spaces"), false, 1);
            QByteArray nationalSpaced = p->national;
            nationalSpaced.replace("(", "").replace(")", "").replace('-', ' ');
            addForm(forms, nationalSpaced, QStringLiteral("the national phone number with spaces"), false, 1);
        }
        break;
    }
    case Kind::Uuid: {
        QByteArray hex = v;
        hex.replace('-', "");
        hex = hex.toLower();
        const QByteArray dashed =
            hex.left(8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-' + hex.mid(20);
        addForm(forms, v, QStringLiteral("the identifier as entered"), true, 0);
        addForm(forms, dashed, QStringLiteral("the UUID in lowercase"), true, 1);
        addForm(forms, dashed.toUpper(), QStringLiteral("the UUID in capitals"), true, 1);
        addForm(forms, hex, QStringLiteral("the UUID without dashes"), true, 1);
        addForm(forms, hex.toUpper(), QStringLiteral("the UUID without dashes, in capitals"), true, 1);
        addForm(forms, QByteArray::fromHex(hex), QStringLiteral("the raw 16-byte UUID"), true, 2, true);
        break;
    }
    case Kind::Mac: {
        const QByteArray hex = macHex(v);
        addForm(forms, v, QStringLiteral("the MAC address as entered"), true, 0);
        QByteArray colon, dash;
        for (int i = 0; i < 6; ++i) {
            colon += (i ? ":" : "") + hex.mid(i * 2, 2);
            dash += (i ? "-" : "") + hex.mid(i * 2, 2);
        }
        addForm(forms, colon, QStringLiteral("the MAC address (aa:bb:…)"), true, 1);
        addForm(forms, colon.toUpper(), QStringLiteral("the MAC address (AA:BB:…)"), true, 1);
        addForm(forms, dash, QStringLiteral("the MAC address (aa-bb-…)"), false, 1);
        addForm(forms, hex, QStringLiteral("the MAC address without separators"), true, 1);
        addForm(forms, hex.left(4) + '.' + hex.mid(4, 4) + '.' + hex.mid(8),
            QStringLiteral("the MAC address (aabb.ccdd.eeff)"), false, 1);
        addForm(forms, QByteArray::fromHex(hex), QStringLiteral("the raw 6-byte MAC address"), false, 2, true);
        break;
    }
    case Kind::AndroidId: {
        addForm(forms, v, QStringLiteral("the Android ID as entered"), true, 0);
        addForm(forms, v.toLower(), QStringLiteral("the Android ID in lowercase"), true, 1);
        addForm(forms, v.toUpper(), QStringLiteral("the Android ID in capitals"), false, 1);
        addForm(forms, QByteArray::fromHex(v), QStringLiteral("the Android ID as 8 raw bytes"), true, 2, true);
        break;
    }
    case Kind::Text:
        addForm(forms, v, QStringLiteral("the value as entered"), true, 0);
        addForm(forms, v.toLower(), QStringLiteral("the value in lowercase"), true, 1);
        addForm(forms, v.toUpper(), QStringLiteral("the value in capitals"), false, 1);
        if (v.contains(' ')) {
            QByteArray joined = v;
            joined.replace(' ', "");
            addForm(forms, joined, QStringLiteral("the value without spaces"), false, 1);
        }
        break;
    case Kind::Location:
        break;
    }
    return forms;
}

} // namespace

Kind kindOf(const Data::KnownIdentifier& k)
{
    const QByteArray v = k.value.trimmed().toUtf8();
    if (k.category == u"location.precise")
        return Kind::Location;
    if (k.category == u"identity.email"
        || (v.count('@') == 1 && v.indexOf('@') > 0 && v.indexOf('.', v.indexOf('@')) > 0 && !v.contains(' ')))
        return Kind::Email;
    if (isUuid(v))
        return Kind::Uuid;
    if (!macHex(v).isEmpty())
        return Kind::Mac;
    if (v.size() == 16 && isHexText(v))
        return Kind::AndroidId;
    if (k.category == u"identity.phone")
        return Kind::Phone;
    // A contact canary or any value written like a phone number gets the phone forms too.
    static const QRegularExpression phoneLike(QStringLiteral("^\\+?[\\d\\s().-]{7,20}$"));
    if (phoneLike.match(QString::fromUtf8(v)).hasMatch() && (k.category.startsWith(u"contacts.") || v.startsWith('+')))
        return Kind::Phone;
    return Kind::Text;
}

QByteArray base64Middle(const QByteArray& data, int alignment, bool urlSafe)
{
    if (data.isEmpty())
        return {};
    const QByteArray padded = QByteArray(alignment, '\0') + data;
    QByteArray encoded = padded.toBase64(QByteArray::OmitTrailingEquals);
    if (urlSafe)
        encoded.replace('+', '-').replace('/', '_');
    // Leading characters that mix padding bits with the value, and the trailing character that mixes the
    // value with whatever follows it, change with the context; the rest does not.
    const qsizetype skip = alignment == 0 ? 0 : (alignment == 1 ? 2 : 3);
    const qsizetype totalBits = padded.size() * 8;
    const qsizetype complete = totalBits / 6; // characters fully determined by known bits
    if (complete <= skip)
        return {};
    return encoded.mid(skip, complete - skip);
}

std::vector<Variant> generate(const Data::KnownIdentifier& identifier, const QString& phoneRegion)
{
    const Kind kind = kindOf(identifier);
    if (kind == Kind::Location)
        return {};
    Builder b;
    const std::vector<Form> forms = formsOf(identifier, kind, phoneRegion);
    for (const Form& f : forms)
        b.encodings(f);
    for (const Form& f : forms)
        b.hashes(f);
    return b.take();
}

} // namespace Detect::Variants
