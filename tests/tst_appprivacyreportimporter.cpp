// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/captureformat.h"
#include "privacyreportsamples.h"
#include "testutils.h"

#include <QFile>
#include <QTest>

using namespace TestUtils;

using namespace PrivacyReportSamples;

class TestAppPrivacyReportImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void networkActivity()
    {
        Scratch scratch;
        const QString path = write(scratch, kReport);
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::AppPrivacyReport);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QCOMPARE(sink.flows.size(), size_t(3));
        const Data::Flow& f = sink.flows[0];
        QCOMPARE(f.sourceRef, QStringLiteral("apr:line=3"));
        QCOMPARE(f.host, QStringLiteral("graph.vidzy.example"));
        QVERIFY(f.method.isEmpty());
        QCOMPARE(f.flags, quint32(Data::HeadersOnly));
        QCOMPARE(f.tsStart, Data::Timestamp(1767258002125000));
        QCOMPARE(f.tsEnd, Data::Timestamp(1767258344900000));
        QCOMPARE(f.app.package, QStringLiteral("com.vidzy.ios"));
        QCOMPARE(f.app.source, QStringLiteral("app-privacy-report"));
        QCOMPARE(f.comment,
            QStringLiteral(
                "App Privacy Report: contacted 37 times between the first and the last time; initiated by the app"));
        QCOMPARE(sink.flows[1].comment,
            QStringLiteral("App Privacy Report: contacted 4 times between the first and the last time; "
                           "initiated by the app; domain owner according to Apple: Google LLC"));
        const Data::Flow& web = sink.flows[2];
        QCOMPARE(web.app.reason,
            QStringLiteral("App Privacy Report: contacted by content shown in the app (not initiated by the app)"));
        QVERIFY(web.comment.contains(QStringLiteral("context: news.example")));
        QCOMPARE(sink.warnings,
            QStringList { QStringLiteral("2 data and sensor access records (camera, microphone, photos, location …) "
                                         "are not network traffic and were not imported") });
    }

    void accessRecordsOnly()
    {
        // A report saved before the app used the network: recognised, and it says what is missing.
        Scratch scratch;
        const QString path = write(scratch, kReport.left(kReport.indexOf("{\"domain\"")));
        QCOMPARE(CaptureFormats::sniff(path).format, CaptureFormat::AppPrivacyReport);
        CollectingSink sink;
        QString why;
        QVERIFY2(importFile(path, sink, &why), qPrintable(why));
        QVERIFY(sink.flows.empty());
        QVERIFY(sink.warnings.contains(QStringLiteral(
            "the report holds no network activity: turn on App Privacy Report and use the app before saving it")));
    }

    void brokenLine()
    {
        Scratch scratch;
        const QString path = write(scratch, kReport + "{\"domain\":\"x.example\",\"type\":\"networkAct");
        CollectingSink sink;
        QString why;
        QVERIFY(!importFile(path, sink, &why));
        QCOMPARE(why,
            QStringLiteral(
                "broken JSON at line 6, column 41 (in or after record 6): missing a closing quotation mark in string"));
    }
};

QTEST_GUILESS_MAIN(TestAppPrivacyReportImporter)
#include "tst_appprivacyreportimporter.moc"
