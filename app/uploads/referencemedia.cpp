// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "referencemedia.h"

#include "common/hashing.h"
#include "common/timeutil.h"
#include "randomaccess.h"
#include "store/database.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace ReferenceMediaStore {

QString mimeTypeOf(const Uploads::MediaFingerprint& fp)
{
    static const QHash<QString, QString> types = {
        { QStringLiteral("mp4"), QStringLiteral("video/mp4") },
        { QStringLiteral("quicktime"), QStringLiteral("video/quicktime") },
        { QStringLiteral("3gp"), QStringLiteral("video/3gpp") },
        { QStringLiteral("m4v"), QStringLiteral("video/x-m4v") },
        { QStringLiteral("m4a"), QStringLiteral("audio/mp4") },
        { QStringLiteral("heif"), QStringLiteral("image/heic") },
        { QStringLiteral("avif"), QStringLiteral("image/avif") },
        { QStringLiteral("jpeg"), QStringLiteral("image/jpeg") },
        { QStringLiteral("png"), QStringLiteral("image/png") },
        { QStringLiteral("webp"), QStringLiteral("image/webp") },
        { QStringLiteral("gif"), QStringLiteral("image/gif") },
        { QStringLiteral("matroska"), QStringLiteral("video/x-matroska") },
        { QStringLiteral("ogg"), QStringLiteral("audio/ogg") },
        { QStringLiteral("mp3"), QStringLiteral("audio/mpeg") },
        { QStringLiteral("aac"), QStringLiteral("audio/aac") },
        { QStringLiteral("amr"), QStringLiteral("audio/amr") },
        { QStringLiteral("wav"), QStringLiteral("audio/wav") },
        { QStringLiteral("flac"), QStringLiteral("audio/flac") },
    };
    if (fp.format == u"mp4" && fp.mediaClass == u"audio")
        return QStringLiteral("audio/mp4");
    return types.value(fp.format);
}

std::optional<Data::ReferenceMedia> describeFile(const QString& path, QString* error)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = QStringLiteral("%1: not a file").arg(path);
        return std::nullopt;
    }
    FileAccess file(path);
    if (!file.isOpen()) {
        *error = QStringLiteral("%1: cannot read (%2)").arg(info.fileName(), file.errorString());
        return std::nullopt;
    }
    Data::ReferenceMedia m;
    m.fileName = info.fileName();
    m.size = file.size();
    Digest digest;
    constexpr qint64 piece = 1024 * 1024;
    for (qint64 pos = 0; pos < m.size; pos += piece) {
        const QByteArray bytes = file.read(pos, piece);
        if (bytes.isEmpty()) {
            *error = QStringLiteral("%1: read error at byte offset %2").arg(info.fileName()).arg(pos);
            return std::nullopt;
        }
        digest.addData(bytes);
    }
    m.sha256 = QString::fromLatin1(digest.result().toHex());
    m.fingerprint = Uploads::probe(file);
    m.mediaType = mimeTypeOf(m.fingerprint);
    if (!m.fingerprint.isMedia()) {
        *error = QStringLiteral("%1: not a photo, video or audio file Leakscope recognises (JPEG, PNG, HEIC, WebP, "
                                "GIF, MP4, MOV, 3GP …)")
                     .arg(info.fileName());
        return std::nullopt;
    }
    return m;
}

qint64 add(Database& db, const Data::ReferenceMedia& m)
{
    Statement& st = db.prepare(
        "INSERT INTO reference_media (file_name, sha256, size, media_type, fingerprint, added_at) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6) ON CONFLICT (sha256) DO UPDATE SET file_name = excluded.file_name, media_type = "
        "excluded.media_type, fingerprint = excluded.fingerprint RETURNING id");
    st.bind(1, m.fileName).bind(2, m.sha256).bind(3, m.size).bind(4, m.mediaType);
    st.bind(5, QString::fromUtf8(QJsonDocument(m.fingerprint.toJson()).toJson(QJsonDocument::Compact)));
    st.bind(6, m.addedAt ? m.addedAt : TimeUtil::now());
    const qint64 id = st.step() ? st.int64(0) : 0;
    st.reset();
    return id;
}

std::vector<Data::ReferenceMedia> list(Database& db)
{
    std::vector<Data::ReferenceMedia> out;
    Statement& st = db.prepare("SELECT id, file_name, sha256, size, coalesce(media_type, ''), coalesce(fingerprint, "
                               "''), coalesce(added_at, 0) FROM reference_media ORDER BY id");
    while (st.step()) {
        Data::ReferenceMedia m;
        m.id = st.int64(0);
        m.fileName = st.text(1);
        m.sha256 = st.text(2);
        m.size = st.int64(3);
        m.mediaType = st.text(4);
        m.fingerprint = Uploads::MediaFingerprint::fromJson(QJsonDocument::fromJson(st.text(5).toUtf8()).object());
        m.addedAt = st.int64(6);
        out.push_back(std::move(m));
    }
    st.reset();
    return out;
}

bool remove(Database& db, qint64 id)
{
    Statement& st = db.prepare("DELETE FROM reference_media WHERE id = ?1");
    st.bind(1, id);
    st.run();
    return db.changes() > 0;
}

} // namespace ReferenceMediaStore
