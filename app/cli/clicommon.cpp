// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommon.h"

#include "common/timeutil.h"
#include "store/investigation.h"

#include <QFileInfo>

#include <cstdio>
#include <memory>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace CliCommon {

namespace {
bool g_progressLineOpen = false;
}

void endProgress()
{
    if (g_progressLineOpen) {
        fputc('\n', stderr);
        g_progressLineOpen = false;
    }
}

void error(const QString& message)
{
    endProgress();
    fprintf(stderr, "leakscope: %s\n", message.toLocal8Bit().constData());
    fflush(stderr);
}

void note(const QString& message)
{
    endProgress();
    fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
    fflush(stderr);
}

void out(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stdout);
    fflush(stdout);
}

bool parse(QCommandLineParser& parser, const QStringList& arguments, int* exitCode)
{
    const QCommandLineOption help(
        QStringList { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        error(parser.errorText());
        *exitCode = Usage;
        return false;
    }
    if (parser.isSet(help)) {
        out(parser.helpText());
        *exitCode = Ok;
        return false;
    }
    return true;
}

QCommandLineOption investigationOption()
{
    return QCommandLineOption(QStringList { QStringLiteral("i"), QStringLiteral("investigation") },
        QStringLiteral("The investigation file (*.leakscope)."), QStringLiteral("INV"));
}

std::unique_ptr<Investigation> openInvestigation(const QString& path, bool create)
{
    if (path.isEmpty()) {
        error(QStringLiteral("no investigation given (use -i FILE.leakscope)"));
        return nullptr;
    }
    try {
        // Commands that only read still work on a file they may not write (read-only media, another user's file).
        const QFileInfo info(path);
        if (!create && info.exists() && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable()))
            return Investigation::open(path, Investigation::OpenMode::ReadOnly);
        return Investigation::open(path, create ? Investigation::OpenMode::Create : Investigation::OpenMode::ReadWrite);
    } catch (const StoreError& e) {
        error(e.message());
        return nullptr;
    }
}

void addFilterOptions(QCommandLineParser& parser)
{
    parser.addOption(
        { QStringLiteral("app"), QStringLiteral("Only this app (name or package)."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("capture"), QStringLiteral("Only this capture (id or file name); repeatable."),
        QStringLiteral("ID_OR_FILE_NAME") });
    parser.addOption(
        { QStringLiteral("from"), QStringLiteral("Only from this time on (ISO-8601)."), QStringLiteral("TIME") });
    parser.addOption(
        { QStringLiteral("to"), QStringLiteral("Only before this time (ISO-8601)."), QStringLiteral("TIME") });
    parser.addOption({ QStringLiteral("category"),
        QStringLiteral("Only findings of this category (TAXONOMY.md id); repeatable."), QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("min-confidence"),
        QStringLiteral("Only findings of at least this confidence (low, medium, high)."), QStringLiteral("LEVEL") });
}

bool readFilter(QCommandLineParser& parser, Investigation& inv, Data::Filter* filter)
{
    if (parser.isSet(QStringLiteral("app"))) {
        const QString app = parser.value(QStringLiteral("app"));
        for (const auto& a : inv.apps()) {
            if (a.name.compare(app, Qt::CaseInsensitive) == 0 || a.package.compare(app, Qt::CaseInsensitive) == 0)
                filter->appIds.append(a.id);
        }
        if (filter->appIds.isEmpty()) {
            error(QStringLiteral("no app \"%1\" in %2").arg(app, QFileInfo(inv.path()).fileName()));
            return false;
        }
    }
    for (const QString& c : parser.values(QStringLiteral("capture"))) {
        const auto capture = inv.findCapture(c);
        if (!capture) {
            error(QStringLiteral("no capture \"%1\" in %2").arg(c, QFileInfo(inv.path()).fileName()));
            return false;
        }
        filter->captureIds.append(capture->id);
    }
    for (const char* name : { "from", "to" }) {
        const QString key = QString::fromLatin1(name);
        if (!parser.isSet(key))
            continue;
        const auto ts = TimeUtil::parseIso8601(parser.value(key));
        if (!ts) {
            error(QStringLiteral("--%1: \"%2\" is not an ISO-8601 time").arg(key, parser.value(key)));
            return false;
        }
        (key == u"from" ? filter->from : filter->to) = *ts;
    }
    filter->categories = parser.values(QStringLiteral("category"));
    if (parser.isSet(QStringLiteral("min-confidence"))) {
        const QString level = parser.value(QStringLiteral("min-confidence")).trimmed().toLower();
        if (level != u"low" && level != u"medium" && level != u"high") {
            error(QStringLiteral("--min-confidence: \"%1\" is not low, medium or high").arg(level));
            return false;
        }
        filter->minConfidence = level;
    }
    return true;
}

ProgressCallback progressPrinter(const QString& label)
{
#ifdef Q_OS_WIN
    const bool tty = _isatty(_fileno(stderr)) != 0;
#else
    const bool tty = isatty(fileno(stderr)) != 0;
#endif
    auto last = std::make_shared<int>(-1);
    return [label, tty, last](qint64 done, qint64 total) {
        const int percent = total > 0 ? static_cast<int>(std::min<qint64>(100, done * 100 / total)) : 0;
        if (percent == *last || (!tty && percent / 10 == *last / 10 && percent != 100))
            return true;
        *last = percent;
        if (tty) {
            fprintf(stderr, "\r%s: %3d%%", label.toLocal8Bit().constData(), percent);
            g_progressLineOpen = true;
        } else {
            fprintf(stderr, "%s: %d%%\n", label.toLocal8Bit().constData(), percent);
        }
        fflush(stderr);
        return true;
    };
}

} // namespace CliCommon
