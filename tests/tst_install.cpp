// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Debian package, end to end: built with CPack from this build tree, unpacked into a scratch root, and the
// installed program run from there with only its installed files (the same checks installer/linux/check-deb.sh
// makes after a real `apt-get install` on a clean machine). Skipped where dpkg-deb is missing.
#include "testutils.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QXmlStreamReader>
#include <QtEndian>

#include <functional>

using namespace TestUtils;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& arguments,
    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, arguments);
    Run r;
    if (!p.waitForStarted(10000)) {
        r.err = QStringLiteral("%1 did not start: %2").arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("%1 timed out").arg(program);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// The value of `key` in the [Desktop Entry] group.
QString desktopValue(const QString& desktopFile, const QString& key)
{
    for (const QString& line : readText(desktopFile).split(u'\n')) {
        if (line.startsWith(key + u'='))
            return line.mid(key.size() + 1).trimmed();
    }
    return {};
}

const QStringList kCaptureTypes = {
    QStringLiteral("application/x-har"),
    QStringLiteral("application/vnd.tcpdump.pcap"),
    QStringLiteral("application/x-pcapng"),
    QStringLiteral("application/x-mitmproxy-flows"),
};

} // namespace

class TestInstall : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_scratch; // in the system temp folder: outside the build tree, like a real installation
    QString m_deb;
    QString m_root;
    QString m_investigation; // written by the installed program in installedHeadlessPipeline()
    QStringList m_systemMimePackages; // this machine's share/mime/packages folders

    QString rooted(const QString& path) const
    {
        return m_root + path;
    }
    QString installedBinary() const
    {
        return rooted(QStringLiteral("/usr/bin/leakscope"));
    }
    /// A plain user environment: no display, the XDG folders in the scratch area, nothing pointing to the build
    /// or source tree.
    QProcessEnvironment userEnvironment(const QString& name) const
    {
        QProcessEnvironment env;
        const QString base = m_scratch.filePath(QStringLiteral("users/") + name);
        for (const char* dir : { "home", "config", "cache", "data" })
            QDir().mkpath(base + u'/' + QLatin1String(dir));
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.insert(QStringLiteral("HOME"), base + QStringLiteral("/home"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), base + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), base + QStringLiteral("/cache"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), base + QStringLiteral("/data"));
        // The sanitizer settings of an `asan` build's test run.
        const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
        for (const char* variable : { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS" }) {
            if (own.contains(QLatin1String(variable)))
                env.insert(QLatin1String(variable), own.value(QLatin1String(variable)));
        }
        return env;
    }
    Run runInstalled(const QStringList& arguments, const QProcessEnvironment& env) const
    {
        return run(installedBinary(), arguments, env);
    }
    static QString tool(const char* name)
    {
        return QStandardPaths::findExecutable(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
#ifndef LEAKSCOPE_CPACK_COMMAND
        QSKIP("installer/ is not part of this build");
#else
        if (tool("dpkg-deb").isEmpty() || tool("dpkg-shlibdeps").isEmpty())
            QSKIP("dpkg-deb or dpkg-shlibdeps (dpkg-dev) is missing: not a Debian system");
        QVERIFY(m_scratch.isValid());
        m_root = m_scratch.filePath(QStringLiteral("root"));
        // QMimeDatabase reads XDG_DATA_DIRS when first used, in mimeTypes(), which builds the database there.
        m_systemMimePackages = QStandardPaths::locateAll(
            QStandardPaths::GenericDataLocation, QStringLiteral("mime/packages"), QStandardPaths::LocateDirectory);
        qputenv("XDG_DATA_DIRS", m_scratch.filePath(QStringLiteral("mimedb")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", m_scratch.filePath(QStringLiteral("no-user-data")).toLocal8Bit());

        const QString packages = m_scratch.filePath(QStringLiteral("packages"));
        const Run cpack = run(QStringLiteral(LEAKSCOPE_CPACK_COMMAND),
            { QStringLiteral("--config"), QStringLiteral(LEAKSCOPE_BUILD_DIR "/CPackConfig.cmake"),
                QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"), packages },
            QProcessEnvironment::systemEnvironment(), 540000);
        QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.out + cpack.err));
        const QStringList debs = QDir(packages).entryList({ QStringLiteral("leakscope_*.deb") }, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = packages + u'/' + debs.first();
        qInfo("package %s: %lld bytes", qPrintable(debs.first()), QFileInfo(m_deb).size());

        const Run extract = run(tool("dpkg-deb"), { QStringLiteral("-x"), m_deb, m_root });
        QVERIFY2(extract.exitCode == 0, qPrintable(extract.err));
#endif
    }

    void packageControl()
    {
        auto field = [this](const char* name) {
            return run(tool("dpkg-deb"), { QStringLiteral("-f"), m_deb, QString::fromLatin1(name) }).out.trimmed();
        };
        QCOMPARE(field("Package"), QStringLiteral("leakscope"));
        QCOMPARE(field("Version"), QStringLiteral(LEAKSCOPE_VERSION));
        QCOMPARE(field("Architecture"), run(tool("dpkg"), { QStringLiteral("--print-architecture") }).out.trimmed());
        QVERIFY(field("Maintainer").contains(u'<'));
        QCOMPARE(field("Recommends"), QStringLiteral("qt6-wayland, libqt6svg6"));

        // Computed by dpkg-shlibdeps: the libraries the binary links are all there, with versions.
        const QString depends = field("Depends");
        qInfo("Depends: %s", qPrintable(depends));
        QVERIFY2(!depends.contains(QStringLiteral("${")), qPrintable(depends));
        for (const char* lib : { "libc6 (>=", "libstdc++6 (>=", "libqt6core6 (>=", "libqt6gui6 (>=",
                 "libqt6widgets6 (>=", "libsqlite3-0 (>=", "libzstd1 (>=", "libssl3 (>=" })
            QVERIFY2(depends.contains(QLatin1String(lib)), lib);
        // Every dependency names a real package: each alternative group has one that is installed here (the
        // build machine has them all, since the binary was linked against them).
        for (const QString& group : depends.split(u',')) {
            bool found = false;
            for (QString alternative : group.split(u'|')) {
                alternative = alternative.trimmed().section(u' ', 0, 0);
                found = found || run(tool("dpkg-query"), { QStringLiteral("-W"), alternative }).exitCode == 0;
            }
            QVERIFY2(found, qPrintable(group));
        }
    }

    void packageContents()
    {
        const QString id = QStringLiteral(LEAKSCOPE_APP_ID);
        QStringList expected = {
            QStringLiteral("/usr/bin/leakscope"),
            QStringLiteral("/usr/share/applications/") + id + QStringLiteral(".desktop"),
            QStringLiteral("/usr/share/metainfo/") + id + QStringLiteral(".metainfo.xml"),
            QStringLiteral("/usr/share/mime/packages/") + id + QStringLiteral(".xml"),
            QStringLiteral("/usr/share/icons/hicolor/scalable/apps/") + id + QStringLiteral(".svg"),
            QStringLiteral("/usr/share/man/man1/leakscope.1.gz"),
            QStringLiteral("/usr/share/doc/leakscope/copyright"),
            QStringLiteral("/usr/share/doc/leakscope/LICENSE"),
            QStringLiteral("/usr/share/doc/leakscope/changelog.gz"),
            QStringLiteral("/usr/share/leakscope/demo/manifest.json"),
        };
        for (const QString& size : QStringLiteral(LEAKSCOPE_ICON_SIZES).split(u','))
            expected << QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size, id);
        for (const QString& path : expected)
            QVERIFY2(QFileInfo(rooted(path)).isFile(), qPrintable(path));
        QVERIFY(!QFileInfo::exists(rooted(QStringLiteral("/usr/share/leakscope/demo/generator"))));
        // The changelog's newest entry is this version (installer/linux/changelog).
        const Run changelog = run(QStringLiteral("gzip"),
            { QStringLiteral("-dc"), rooted(QStringLiteral("/usr/share/doc/leakscope/changelog.gz")) });
        QVERIFY2(changelog.out.startsWith(QStringLiteral("leakscope (" LEAKSCOPE_VERSION ") ")),
            qPrintable(changelog.out.section(u'\n', 0, 0)));
        if (QFileInfo::exists(rooted(QStringLiteral("/usr/share/leakscope/data"))))
            QVERIFY2(QFileInfo::exists(rooted(QStringLiteral("/usr/share/leakscope/data/NOTICE"))),
                "reference data without its NOTICE");

        // A program for normal users: everything owned by root, nothing setuid or writable by others, and the
        // one executable is the program.
        const Run listing = run(tool("dpkg-deb"), { QStringLiteral("-c"), m_deb });
        QCOMPARE(listing.exitCode, 0);
        QStringList executables;
        for (const QString& line : listing.out.split(u'\n', Qt::SkipEmptyParts)) {
            const QStringList columns = line.simplified().split(u' ');
            QVERIFY2(columns.size() >= 6, qPrintable(line));
            const QString mode = columns[0];
            QCOMPARE(columns[1], QStringLiteral("root/root"));
            QVERIFY2(mode[5] != u'w' && mode[8] != u'w', qPrintable(line));
            QVERIFY2(!mode.contains(u's') && !mode.contains(u'S') && !mode.contains(u't'), qPrintable(line));
            if (mode.startsWith(u'-') && mode[3] == u'x')
                executables << columns[5];
        }
        QCOMPARE(executables, QStringList { QStringLiteral("./usr/bin/leakscope") });

        // Icons have the size their folder says (PNG: width and height are big-endian at offset 16 and 20).
        for (const QString& size : QStringLiteral(LEAKSCOPE_ICON_SIZES).split(u',')) {
            QFile png(rooted(QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size, id)));
            QVERIFY(png.open(QIODevice::ReadOnly));
            const QByteArray head = png.read(24);
            QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n"));
            QCOMPARE(qFromBigEndian<quint32>(head.constData() + 16), size.toUInt());
            QCOMPARE(qFromBigEndian<quint32>(head.constData() + 20), size.toUInt());
        }
    }

    void installedVersion()
    {
        const Run v = runInstalled({ QStringLiteral("--version") }, userEnvironment(QStringLiteral("version")));
        QCOMPARE(v.exitCode, 0);
        QCOMPARE(v.out, QStringLiteral("leakscope " LEAKSCOPE_VERSION "\n"));
    }

    void installedHeadlessPipeline()
    {
        const QProcessEnvironment env = userEnvironment(QStringLiteral("pipeline"));
        m_investigation = m_scratch.filePath(QStringLiteral("case.leakscope"));
        const Run imported =
            runInstalled({ QStringLiteral("import"), QStringLiteral("-i"), m_investigation, QStringLiteral("--app"),
                             QStringLiteral("Vidzy"), data(QStringLiteral("har/httpolice__firefox_gif.har")) },
                env);
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(imported.out,
            QStringLiteral("capture 1: httpolice__firefox_gif.har (har): 8 flows, 0 connections, 0 warnings\n"));

        const QString json = m_scratch.filePath(QStringLiteral("case.json"));
        const Run exported = runInstalled(
            { QStringLiteral("export"), QStringLiteral("-i"), m_investigation, QStringLiteral("--json"), json }, env);
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const QJsonObject root = QJsonDocument::fromJson(readText(json).toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("schema")).toString(), QStringLiteral("leakscope-export/1"));
        QCOMPARE(
            root.value(QStringLiteral("tool_version")).toString().contains(QStringLiteral(LEAKSCOPE_VERSION)), true);
        QCOMPARE(root.value(QStringLiteral("captures")).toArray().size(), 1);
        QCOMPARE(root.value(QStringLiteral("coverage")).toObject().value(QStringLiteral("flows_total")).toInt(), 8);

        const Run summary = runInstalled({ QStringLiteral("summary"), QStringLiteral("-i"), m_investigation }, env);
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
        QVERIFY2(summary.out.contains(QStringLiteral("Captures (1):")), qPrintable(summary.out));
        QVERIFY(summary.out.contains(QStringLiteral("httpolice__firefox_gif.har")));
    }

    void installedDataFromPrefix()
    {
        // Without a display, --demo prints the demo's summary: it found demo/ in <exe>/../share/leakscope and
        // built the demo investigation in the XDG cache folder.
        const QProcessEnvironment env = userEnvironment(QStringLiteral("demo"));
        const Run demo = runInstalled({ QStringLiteral("--demo") }, env);
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        QVERIFY2(demo.out.contains(QStringLiteral("Demo investigation")), qPrintable(demo.out));
        QVERIFY(QFileInfo::exists(
            env.value(QStringLiteral("XDG_CACHE_HOME")) + QStringLiteral("/Leakscope/leakscope/vidzy-demo.leakscope")));

        // And it used nothing else: with the installed data gone, the demo is missing (no fallback to the
        // source tree this binary was built from).
        const QString data = rooted(QStringLiteral("/usr/share/leakscope"));
        const QString hidden = data + QStringLiteral(".hidden");
        QVERIFY(QDir().rename(data, hidden));
        const Run missing = runInstalled({ QStringLiteral("--demo") }, userEnvironment(QStringLiteral("demo-missing")));
        QVERIFY(QDir().rename(hidden, data));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("the demo files are missing")), qPrintable(missing.err));
    }

    void desktopEntry()
    {
        const QString desktop = rooted(QStringLiteral("/usr/share/applications/" LEAKSCOPE_APP_ID ".desktop"));
        if (tool("desktop-file-validate").isEmpty())
            QSKIP("desktop-file-validate (desktop-file-utils) is missing");
        const Run validate = run(tool("desktop-file-validate"), { desktop });
        QVERIFY2(validate.exitCode == 0 && validate.out.isEmpty() && validate.err.isEmpty(),
            qPrintable(validate.out + validate.err));

        QCOMPARE(desktopValue(desktop, QStringLiteral("Exec")), QStringLiteral("leakscope %f"));
        QCOMPARE(desktopValue(desktop, QStringLiteral("Icon")), QStringLiteral(LEAKSCOPE_APP_ID));
        QStringList types = desktopValue(desktop, QStringLiteral("MimeType")).split(u';', Qt::SkipEmptyParts);
        QStringList expected = kCaptureTypes;
        expected.prepend(QStringLiteral("application/x-leakscope"));
        QCOMPARE(types, expected);
    }

    void metainfo()
    {
        const QString metainfo = rooted(QStringLiteral("/usr/share/metainfo/" LEAKSCOPE_APP_ID ".metainfo.xml"));
        if (tool("appstreamcli").isEmpty())
            QSKIP("appstreamcli (appstream) is missing");
        const Run validate =
            run(tool("appstreamcli"), { QStringLiteral("validate"), QStringLiteral("--no-net"), metainfo });
        QVERIFY2(validate.exitCode == 0, qPrintable(validate.out + validate.err));
        // The installed tree as a whole: the metainfo, its desktop entry and icons agree.
        const Run tree =
            run(tool("appstreamcli"), { QStringLiteral("validate-tree"), QStringLiteral("--no-net"), m_root });
        QVERIFY2(tree.exitCode == 0, qPrintable(tree.out + tree.err));

        // The newest release is this version, the launchable is the installed desktop entry.
        QFile f(metainfo);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QString firstRelease, launchable;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"release" && firstRelease.isEmpty())
                firstRelease = xml.attributes().value(QStringLiteral("version")).toString();
            else if (xml.name() == u"launchable")
                launchable = xml.readElementText();
        }
        QVERIFY(!xml.hasError());
        QCOMPARE(firstRelease, QStringLiteral(LEAKSCOPE_VERSION));
        QCOMPARE(launchable, QStringLiteral(LEAKSCOPE_APP_ID ".desktop"));
    }

    void mimeTypes()
    {
        if (tool("update-mime-database").isEmpty())
            QSKIP("update-mime-database (shared-mime-info) is missing");
        // What the shared-mime-info trigger does on installation: one database of the system's definitions and
        // the package's. (One, not the package's next to the system's: Qt 6.4 takes the content match of the
        // last database folder that has one, not the best one.)
        const QString packages = m_scratch.filePath(QStringLiteral("mimedb/mime/packages"));
        QVERIFY(QDir().mkpath(packages));
        QStringList sources = m_systemMimePackages;
        sources << rooted(QStringLiteral("/usr/share/mime/packages"));
        for (const QString& dir : std::as_const(sources)) {
            for (const QFileInfo& xml : QDir(dir).entryInfoList({ QStringLiteral("*.xml") }, QDir::Files)) {
                QFile::remove(packages + u'/' + xml.fileName());
                QVERIFY(QFile::copy(xml.filePath(), packages + u'/' + xml.fileName()));
            }
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PKGSYSTEM_ENABLE_FSYNC"), QStringLiteral("0"));
        const Run update = run(tool("update-mime-database"), { QFileInfo(packages).absolutePath() }, env);
        QVERIFY2(update.exitCode == 0 && !update.err.contains(QStringLiteral("rror")), qPrintable(update.err));

        QMimeDatabase db;
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("case.leakscope"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-leakscope"));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("run-a.har"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-har"));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("dump.pcap"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/vnd.tcpdump.pcap"));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("dump.pcapng"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-pcapng"));
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("flows.mitm"), QMimeDatabase::MatchExtension).name(),
            QStringLiteral("application/x-mitmproxy-flows"));
        QVERIFY(db.mimeTypeForName(QStringLiteral("application/x-har")).inherits(QStringLiteral("application/json")));
        QVERIFY(db.mimeTypeForName(QStringLiteral("application/x-leakscope"))
                    .inherits(QStringLiteral("application/vnd.sqlite3")));

        // By content: an investigation renamed without its extension is still one; another SQLite database,
        // or one with the application id in the wrong byte order, is not.
        QVERIFY2(!m_investigation.isEmpty(), "installedHeadlessPipeline() writes the investigation");
        const QString renamed = m_scratch.filePath(QStringLiteral("sniff/investigation"));
        QDir().mkpath(QFileInfo(renamed).absolutePath());
        QVERIFY(QFile::copy(m_investigation, renamed));
        QCOMPARE(
            db.mimeTypeForFile(renamed, QMimeDatabase::MatchContent).name(), QStringLiteral("application/x-leakscope"));
        QByteArray header(100, '\0');
        header.replace(0, 16, QByteArray("SQLite format 3\0", 16));
        const QString plain = m_scratch.filePath(QStringLiteral("sniff/plain-database"));
        QVERIFY(writeBytes(plain, header));
        QCOMPARE(
            db.mimeTypeForFile(plain, QMimeDatabase::MatchContent).name(), QStringLiteral("application/vnd.sqlite3"));
        qToLittleEndian<quint32>(0x4C534350, header.data() + 68);
        const QString swapped = m_scratch.filePath(QStringLiteral("sniff/swapped-id"));
        QVERIFY(writeBytes(swapped, header));
        QCOMPARE(
            db.mimeTypeForFile(swapped, QMimeDatabase::MatchContent).name(), QStringLiteral("application/vnd.sqlite3"));
        // A pcapng section header block (little-endian byte-order magic), without the .pcapng name.
        QByteArray shb(28, '\0');
        qToLittleEndian<quint32>(0x0A0D0D0A, shb.data());
        qToLittleEndian<quint32>(28, shb.data() + 4);
        qToLittleEndian<quint32>(0x1A2B3C4D, shb.data() + 8);
        const QString pcapng = m_scratch.filePath(QStringLiteral("sniff/capture"));
        QVERIFY(writeBytes(pcapng, shb));
        QCOMPARE(
            db.mimeTypeForFile(pcapng, QMimeDatabase::MatchContent).name(), QStringLiteral("application/x-pcapng"));
    }

    void manPage()
    {
        const QString gz = rooted(QStringLiteral("/usr/share/man/man1/leakscope.1.gz"));
        const Run gunzip = run(QStringLiteral("gzip"), { QStringLiteral("-dc"), gz });
        QCOMPARE(gunzip.exitCode, 0);
        const QString page = gunzip.out;
        QVERIFY(page.contains(QStringLiteral(".TH LEAKSCOPE 1")));
        if (!tool("man").isEmpty()) {
            QProcessEnvironment env = userEnvironment(QStringLiteral("man"));
            env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("100"));
            const Run man = run(tool("man"), { QStringLiteral("--warnings"), QStringLiteral("-l"), gz }, env);
            QCOMPARE(man.exitCode, 0);
            QVERIFY2(man.err.isEmpty(), qPrintable(man.err));
        }

        // Every command of the installed program has its paragraph, and every option of a command is in it.
        const QProcessEnvironment env = userEnvironment(QStringLiteral("help"));
        const Run help = runInstalled({ QStringLiteral("--help") }, env);
        QCOMPARE(help.exitCode, 0);
        const QString commandsPart =
            help.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
        QStringList commands;
        for (const QString& line : commandsPart.split(u'\n', Qt::SkipEmptyParts))
            commands << line.trimmed().section(u' ', 0, 0);
        QVERIFY(commands.contains(QStringLiteral("import")));
        static const QRegularExpression longOption(QStringLiteral("--([a-z][a-z0-9-]*)"));
        for (const QString& command : std::as_const(commands)) {
            const int start = page.indexOf(QStringLiteral("\n.SS ") + command + u'\n');
            QVERIFY2(start >= 0,
                qPrintable(QStringLiteral("installer/linux/leakscope.1 has no \".SS %1\" paragraph for the command %1")
                               .arg(command)));
            const int end = page.indexOf(QRegularExpression(QStringLiteral("\n\\.S[SH] ")), start + 1);
            const QString paragraph = page.mid(start, end < 0 ? -1 : end - start)
                + page.section(QStringLiteral(".SH COMMANDS"), 1).section(QStringLiteral(".SS "), 0, 0);
            const Run commandHelp = runInstalled({ command, QStringLiteral("--help") }, env);
            QCOMPARE(commandHelp.exitCode, 0);
            auto it = longOption.globalMatch(commandHelp.out);
            while (it.hasNext()) {
                const QString option = it.next().captured(1);
                if (option == u"help")
                    continue;
                const QString roff = QStringLiteral("\\-\\-") + QString(option).replace(u'-', QStringLiteral("\\-"));
                QVERIFY2(paragraph.contains(roff),
                    qPrintable(QStringLiteral("installer/linux/leakscope.1: the \"%1\" paragraph does not mention --%2")
                                   .arg(command, option)));
            }
        }
    }

    void settingsAndRecentFiles()
    {
        // The window, offscreen, opened on an investigation as a file manager's "Open with" does: it records
        // the file in the recent list, in the XDG config folder and nowhere else in the user's home.
        QVERIFY2(!m_investigation.isEmpty(), "installedHeadlessPipeline() writes the investigation");
        QProcessEnvironment env = userEnvironment(QStringLiteral("window"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString settings =
            env.value(QStringLiteral("XDG_CONFIG_HOME")) + QStringLiteral("/Leakscope/leakscope.conf");
        QProcess window;
        window.setProcessEnvironment(env);
        window.start(installedBinary(), { m_investigation });
        QVERIFY(window.waitForStarted(10000));
        bool recorded = false;
        for (int i = 0; i < 300 && !recorded && window.state() == QProcess::Running; ++i) {
            QThread::msleep(100);
            recorded = readText(settings).contains(QFileInfo(m_investigation).fileName());
        }
        const bool stillRunning = window.state() == QProcess::Running;
        window.kill();
        window.waitForFinished();
        QVERIFY2(stillRunning, qPrintable(QString::fromUtf8(window.readAllStandardError())));
        QVERIFY2(recorded, qPrintable(readText(settings)));
        QVERIFY(readText(settings).contains(QStringLiteral("recentFiles")));
        QDirIterator home(env.value(QStringLiteral("HOME")), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
            QDirIterator::Subdirectories);
        QVERIFY2(!home.hasNext(), qPrintable(home.hasNext() ? home.next() : QString()));
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
