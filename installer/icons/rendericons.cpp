// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the SVG app icon at build time: the PNG sizes of the freedesktop hicolor theme, a multi-size .ico
// for the Windows executable and installer, and a multi-size .icns for the macOS bundle.
//
// The .ico and .icns containers are written here by hand (a few lines of header around PNG images) because
// the tools that write them on Debian (icoutils, icnsutils) are not there on the Windows and macOS machines
// that need these files, and Qt's image plugins write one size per file only.

#include <QBuffer>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>
#include <map>
#include <utility>
#include <vector>

namespace {

void fail(const QString& message)
{
    fprintf(stderr, "leakscope-rendericons: %s\n", qPrintable(message));
}

/// The icon at n×n pixels, as PNG bytes.
QByteArray renderPng(QSvgRenderer& renderer, int n)
{
    QImage image(n, n, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    renderer.render(&painter, QRectF(0, 0, n, n));
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.convertToFormat(QImage::Format_ARGB32).save(&buffer, "PNG");
    return png;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

template <typename T> void appendLittle(QByteArray& out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

template <typename T> void appendBig(QByteArray& out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

/// An ICO file of PNG-compressed images (Windows Vista and later read PNG entries at every size).
/// Layout: ICONDIR (reserved, type 1, count), one 16-byte ICONDIRENTRY per image, then the images.
QByteArray icoFile(const std::vector<std::pair<int, QByteArray>>& images)
{
    QByteArray out;
    appendLittle<quint16>(out, 0);
    appendLittle<quint16>(out, 1);
    appendLittle<quint16>(out, static_cast<quint16>(images.size()));
    quint32 offset = 6 + 16 * static_cast<quint32>(images.size());
    for (const auto& [size, png] : images) {
        out.append(static_cast<char>(size >= 256 ? 0 : size)); // 0 means 256
        out.append(static_cast<char>(size >= 256 ? 0 : size));
        out.append('\0'); // no palette
        out.append('\0'); // reserved
        appendLittle<quint16>(out, 1); // colour planes
        appendLittle<quint16>(out, 32); // bits per pixel
        appendLittle<quint32>(out, static_cast<quint32>(png.size()));
        appendLittle<quint32>(out, offset);
        offset += static_cast<quint32>(png.size());
    }
    for (const auto& image : images)
        out.append(image.second);
    return out;
}

/// An ICNS file of PNG entries: "icns" and the total length, then per image its OSType and length
/// (both counting the 8-byte entry header) and the PNG. The types are those iconutil writes.
QByteArray icnsFile(const std::map<int, QByteArray>& pngBySize)
{
    static const std::pair<const char*, int> kTypes[] = {
        { "icp4", 16 },
        { "ic11", 32 },
        { "icp5", 32 },
        { "ic12", 64 },
        { "icp6", 64 },
        { "ic07", 128 },
        { "ic13", 256 },
        { "ic08", 256 },
        { "ic14", 512 },
        { "ic09", 512 },
        { "ic10", 1024 },
    };
    QByteArray body;
    for (const auto& [type, size] : kTypes) {
        const QByteArray& png = pngBySize.at(size);
        body.append(type, 4);
        appendBig<quint32>(body, static_cast<quint32>(png.size() + 8));
        body.append(png);
    }
    QByteArray out("icns");
    appendBig<quint32>(out, static_cast<quint32>(body.size() + 8));
    return out + body;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Renders the Leakscope app icon to PNG, ICO and ICNS files."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("svg"), QStringLiteral("The icon."), QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("name"), QStringLiteral("The icon name (file name of the PNGs)."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("hicolor"),
        QStringLiteral("Write DIR/<n>x<n>/apps/NAME.png for every size in --sizes."), QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("sizes"), QStringLiteral("Comma-separated PNG sizes."), QStringLiteral("LIST") });
    parser.addOption({ QStringLiteral("ico"), QStringLiteral("Write a Windows icon."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("icns"), QStringLiteral("Write a macOS icon."), QStringLiteral("FILE") });
    parser.process(app);

    QSvgRenderer renderer(parser.value(QStringLiteral("svg")));
    if (!renderer.isValid()) {
        fail(QStringLiteral("cannot read the SVG icon \"%1\"").arg(parser.value(QStringLiteral("svg"))));
        return 1;
    }
    std::map<int, QByteArray> pngBySize;
    auto png = [&](int size) -> const QByteArray& {
        auto it = pngBySize.find(size);
        if (it == pngBySize.end())
            it = pngBySize.emplace(size, renderPng(renderer, size)).first;
        return it->second;
    };

    if (parser.isSet(QStringLiteral("hicolor"))) {
        const QString name = parser.value(QStringLiteral("name"));
        if (name.isEmpty()) {
            fail(QStringLiteral("--hicolor needs --name"));
            return 1;
        }
        const QStringList sizes = parser.value(QStringLiteral("sizes")).split(u',', Qt::SkipEmptyParts);
        for (const QString& s : sizes) {
            bool ok = false;
            const int n = s.trimmed().toInt(&ok);
            if (!ok || n < 8 || n > 4096) {
                fail(QStringLiteral("--sizes: \"%1\" is not a size between 8 and 4096").arg(s));
                return 1;
            }
            const QString path =
                QStringLiteral("%1/%2x%2/apps/%3.png").arg(parser.value(QStringLiteral("hicolor"))).arg(n).arg(name);
            if (!writeFile(path, png(n)))
                return 1;
        }
    }
    if (parser.isSet(QStringLiteral("ico"))) {
        std::vector<std::pair<int, QByteArray>> images;
        for (int n : { 16, 20, 24, 32, 40, 48, 64, 128, 256 }) // the sizes Explorer and the taskbar ask for
            images.emplace_back(n, png(n));
        if (!writeFile(parser.value(QStringLiteral("ico")), icoFile(images)))
            return 1;
    }
    if (parser.isSet(QStringLiteral("icns"))) {
        for (int n : { 16, 32, 64, 128, 256, 512, 1024 })
            png(n);
        if (!writeFile(parser.value(QStringLiteral("icns")), icnsFile(pngBySize)))
            return 1;
    }
    return 0;
}
