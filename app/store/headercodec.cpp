// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "headercodec.h"

#include <QStringDecoder>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace {

/// Header bytes are nearly always ASCII; anything that is not valid UTF-8 is read as Latin-1 (RFC 9110 §5.5).
QByteArray asUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = decoder.decode(bytes);
    if (!decoder.hasError())
        return bytes;
    return QString::fromLatin1(bytes).toUtf8();
}

} // namespace

namespace HeaderCodec {

QByteArray encode(const Data::Headers& headers)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartArray();
    for (const auto& h : headers) {
        const QByteArray name = asUtf8(h.name);
        const QByteArray value = asUtf8(h.value);
        writer.StartArray();
        writer.String(name.constData(), static_cast<rapidjson::SizeType>(name.size()));
        writer.String(value.constData(), static_cast<rapidjson::SizeType>(value.size()));
        writer.EndArray();
    }
    writer.EndArray();
    return QByteArray(buffer.GetString(), static_cast<qsizetype>(buffer.GetSize()));
}

Data::Headers decode(const QByteArray& json)
{
    Data::Headers out;
    if (json.isEmpty())
        return out;
    rapidjson::Document doc;
    doc.Parse(json.constData(), static_cast<size_t>(json.size()));
    if (doc.HasParseError() || !doc.IsArray())
        return out;
    out.reserve(doc.Size());
    for (const auto& pair : doc.GetArray()) {
        if (pair.IsArray() && pair.Size() == 2 && pair[0].IsString() && pair[1].IsString())
            out.push_back({ QByteArray(pair[0].GetString(), static_cast<qsizetype>(pair[0].GetStringLength())),
                            QByteArray(pair[1].GetString(), static_cast<qsizetype>(pair[1].GetStringLength())) });
    }
    return out;
}

} // namespace HeaderCodec
