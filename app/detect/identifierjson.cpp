// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "identifierjson.h"

#include "categories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace IdentifierJson {

bool parseLocation(const QString& value, double* latitude, double* longitude)
{
    const QStringList parts = value.split(u',');
    if (parts.size() != 2)
        return false;
    bool ok1 = false, ok2 = false;
    const double lat = parts[0].trimmed().toDouble(&ok1);
    const double lon = parts[1].trimmed().toDouble(&ok2);
    if (!ok1 || !ok2 || std::abs(lat) > 90 || std::abs(lon) > 180)
        return false;
    *latitude = lat;
    *longitude = lon;
    return true;
}

QString validate(const Data::KnownIdentifier& k)
{
    if (k.label.trimmed().isEmpty())
        return QStringLiteral("the label is empty");
    if (!Categories::isKnown(k.category))
        return QStringLiteral("unknown category \"%1\" (see TAXONOMY.md for the ids)").arg(k.category.left(60));
    const QString v = k.value.trimmed();
    if (k.category == u"location.precise" || k.category == u"location.coarse") {
        double lat, lon;
        if (parseLocation(v, &lat, &lon))
            return {};
        if (k.category == u"location.precise")
            return QStringLiteral("a location.precise value is \"lat,lon\", e.g. \"37.4419,-122.1430\"");
    }
    if (v.size() < 4)
        return QStringLiteral("the value is too short to search for (at least 4 characters)");
    if (v.size() > 1024)
        return QStringLiteral("the value is longer than 1024 characters");
    return {};
}

std::optional<std::vector<Data::KnownIdentifier>> parse(const QByteArray& json, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not valid JSON at byte offset %1: %2").arg(pe.offset).arg(pe.errorString());
        return std::nullopt;
    }
    if (!doc.isArray()) {
        *error = QStringLiteral("expected a JSON array of {\"label\", \"category\", \"value\"} objects");
        return std::nullopt;
    }
    std::vector<Data::KnownIdentifier> out;
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array[i].toObject();
        if (!array[i].isObject()) {
            *error = QStringLiteral("entry %1: not an object").arg(i + 1);
            return std::nullopt;
        }
        for (const char* field : { "label", "category", "value" }) {
            if (!o.value(QLatin1String(field)).isString()) {
                *error =
                    QStringLiteral("entry %1: \"%2\" is missing or not a string").arg(i + 1).arg(QLatin1String(field));
                return std::nullopt;
            }
        }
        Data::KnownIdentifier k;
        k.label = o.value(QStringLiteral("label")).toString().trimmed();
        k.category = o.value(QStringLiteral("category")).toString().trimmed();
        k.value = o.value(QStringLiteral("value")).toString().trimmed();
        if (const QString problem = validate(k); !problem.isEmpty()) {
            *error = QStringLiteral("entry %1 (\"%2\"): %3").arg(i + 1).arg(k.label.left(40), problem);
            return std::nullopt;
        }
        out.push_back(std::move(k));
    }
    return out;
}

QByteArray write(const std::vector<Data::KnownIdentifier>& identifiers)
{
    QJsonArray array;
    for (const auto& k : identifiers)
        array.append(QJsonObject { { QStringLiteral("label"), k.label }, { QStringLiteral("category"), k.category },
            { QStringLiteral("value"), k.value } });
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace IdentifierJson
