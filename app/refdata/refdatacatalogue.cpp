// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "refdatacatalogue.h"

#include "common/paths.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

QJsonObject DatasetInfo::toJson() const
{
    return QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("version"), version }, { QStringLiteral("license"), license },
        { QStringLiteral("attribution"), attribution }, { QStringLiteral("file"), file },
        { QStringLiteral("sha256"), sha256 }, { QStringLiteral("source"), source } };
}

DatasetInfo DatasetInfo::fromJson(const QJsonObject& o)
{
    DatasetInfo d;
    d.id = o.value(QStringLiteral("id")).toString();
    d.name = o.value(QStringLiteral("name")).toString();
    d.version = o.value(QStringLiteral("version")).toString();
    d.license = o.value(QStringLiteral("license")).toString();
    d.attribution = o.value(QStringLiteral("attribution")).toString();
    d.file = o.value(QStringLiteral("file")).toString();
    d.sha256 = o.value(QStringLiteral("sha256")).toString();
    d.source = o.value(QStringLiteral("source")).toString();
    return d;
}

std::vector<DatasetInfo> RefDataCatalogue::readFile(const QString& path, QString* error)
{
    std::vector<DatasetInfo> out;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot be read").arg(path);
        return out;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(4 << 20), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error =
                QStringLiteral("%1: %2 at byte offset %3").arg(path, parseError.errorString()).arg(parseError.offset);
        return out;
    }
    const QJsonArray list = doc.object().value(QStringLiteral("datasets")).toArray();
    for (const QJsonValue& v : list) {
        DatasetInfo d = DatasetInfo::fromJson(v.toObject());
        if (!d.id.isEmpty())
            out.push_back(std::move(d));
    }
    return out;
}

bool RefDataCatalogue::writeFile(const QString& path, const std::vector<DatasetInfo>& datasets, QString* error)
{
    QJsonArray list;
    for (const DatasetInfo& d : datasets)
        list.append(d.toJson());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("datasets"), list } }).toJson());
    if (!file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

RefDataCatalogue RefDataCatalogue::load()
{
    RefDataCatalogue c;
    c.m_datasets = readFile(Paths::resource(QStringLiteral("data/refdata.json")));
    const QString userDir = Paths::userDataDir();
    if (userDir.isEmpty())
        return c;
    // A per-user entry counts only while its file is there: a half-removed update falls back to the shipped set.
    for (DatasetInfo& u : readFile(userDir + QStringLiteral("/refdata.json"))) {
        if (u.file.isEmpty() || !QFileInfo::exists(userDir + QLatin1Char('/') + u.file))
            continue;
        u.userUpdated = true;
        auto it =
            std::find_if(c.m_datasets.begin(), c.m_datasets.end(), [&](const DatasetInfo& d) { return d.id == u.id; });
        if (it != c.m_datasets.end())
            *it = u;
        else
            c.m_datasets.push_back(u);
    }
    return c;
}

DatasetInfo RefDataCatalogue::dataset(const QString& id) const
{
    for (const DatasetInfo& d : m_datasets) {
        if (d.id == id)
            return d;
    }
    DatasetInfo unknown;
    unknown.id = id;
    return unknown;
}

QString RefDataCatalogue::path(const QString& id) const
{
    const DatasetInfo d = dataset(id);
    return d.file.isEmpty() ? QString() : Paths::dataFile(d.file);
}
