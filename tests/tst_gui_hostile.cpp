// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile content (issue 12): a capture whose hosts, headers and bodies carry HTML, control characters, bidi
// overrides, 100 KB strings and invalid UTF-8 is imported, every page of the window is visited (every tab, the
// first rows of every list selected), and everything the window would draw is checked: no capture string is
// interpreted as rich text, none carries a raw bidi override or control character, and the window keeps
// answering. The PDF report shows the same strings as literal text.
#include "mainwindow.h"
#include "pdf/reportexport.h"
#include "session.h"
#include "store/flownotes.h"
#include "store/investigation.h"
#include "tasks/taskrunner.h"
#include "testutils.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>
#include <QTimer>

using namespace TestUtils;

namespace {

// Every hostile string carries a marker right after its markup: where the marker is shown, the markup must be
// shown with it, literally. (Lowercase: host names are lowercased on import.)
struct Markup
{
    const char* marker;
    const char* literalBefore; ///< what must precede the marker when it is displayed as text
};
const Markup kMarkups[] = {
    { "zqhostile-b", "<b>" },
    { "zqhostile-img", "onerror=alert(1)>" },
    { "zqhostile-a", "\">" },
    { "zqhostile-i", "<i>" },
};

QString bold()
{
    return QStringLiteral("<b>zqhostile-b</b>");
}
QString image()
{
    return QStringLiteral("<img src=\"file:///etc/passwd\" onerror=alert(1)>zqhostile-img");
}
QString link()
{
    return QStringLiteral("<a href=\"https://evil.example/\">zqhostile-a</a>");
}

QJsonObject header(const QString& name, const QString& value)
{
    return { { QStringLiteral("name"), name }, { QStringLiteral("value"), value } };
}

QJsonObject entry(const QString& url, const QJsonArray& headers, const QString& body, const QJsonObject& response)
{
    QJsonObject request { { QStringLiteral("method"), QStringLiteral("POST") }, { QStringLiteral("url"), url },
        { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") }, { QStringLiteral("headers"), headers },
        { QStringLiteral("cookies"), QJsonArray() }, { QStringLiteral("queryString"), QJsonArray() },
        { QStringLiteral("headersSize"), -1 }, { QStringLiteral("bodySize"), int(body.size()) },
        { QStringLiteral("postData"),
            QJsonObject { { QStringLiteral("mimeType"), QStringLiteral("application/x-www-form-urlencoded") },
                { QStringLiteral("text"), body } } } };
    return QJsonObject { { QStringLiteral("startedDateTime"), QStringLiteral("2026-11-20T14:00:00.000Z") },
        { QStringLiteral("time"), 12 }, { QStringLiteral("request"), request },
        { QStringLiteral("response"), response }, { QStringLiteral("cache"), QJsonObject() },
        { QStringLiteral("timings"),
            QJsonObject {
                { QStringLiteral("send"), 1 }, { QStringLiteral("wait"), 10 }, { QStringLiteral("receive"), 1 } } },
        { QStringLiteral("comment"), QString(bold() + QStringLiteral(" comment")) } };
}

QJsonObject response(const QString& contentText, const QString& mime, bool base64 = false)
{
    QJsonObject content { { QStringLiteral("size"), int(contentText.size()) }, { QStringLiteral("mimeType"), mime },
        { QStringLiteral("text"), contentText } };
    if (base64)
        content.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
    return { { QStringLiteral("status"), 200 }, { QStringLiteral("statusText"), bold() },
        { QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1") },
        { QStringLiteral("headers"),
            QJsonArray { header(QStringLiteral("Content-Type"), mime),
                header(QStringLiteral("Set-Cookie"), QStringLiteral("sid=") + image()),
                header(QStringLiteral("X-Evil"), link()) } },
        { QStringLiteral("cookies"), QJsonArray() }, { QStringLiteral("content"), content },
        { QStringLiteral("redirectURL"), QString() }, { QStringLiteral("headersSize"), -1 },
        { QStringLiteral("bodySize"), -1 } };
}

/// A HAR with every kind of hostile string, in hosts, paths, headers, bodies, comments and the creator.
void writeHostileHar(const QString& path)
{
    const QString longHost = QString(100 * 1024, u'a') + QStringLiteral("zqhostile-long.example");
    const QString bidi = QStringLiteral("zqhostile-bidi\u202Egnp.exe\u2066x\u2069");
    const QString control = QStringLiteral("zqhostile-ctl\x07\x1b[31mred\x08\x7f\u0085end");
    const QString lone = QStringLiteral("zqhostile-utf") + QChar(0xdc80) + QStringLiteral("x") + QChar(0xd800);
    QByteArray invalidUtf8 = "<html><i>zqhostile-i</i> \xc3\x28 \xed\xa0\x80 \xff\xfe ";
    invalidUtf8 += "\xe2\x80\xae reversed</html>";
    QJsonArray entries;
    entries.append(entry(QStringLiteral("/<b>zqhostile-b</b>/path?q=<img src=x onerror=alert(1)>zqhostile-img"),
        QJsonArray { header(QStringLiteral("Host"), bold()), header(QStringLiteral("User-Agent"), image()),
            header(QStringLiteral("Referer"), link()), header(QStringLiteral("X-Bidi"), bidi),
            header(QStringLiteral("X-Control"), control), header(QStringLiteral("X-Lone"), lone),
            header(QStringLiteral("Cookie"), QStringLiteral("session=") + bold()) },
        QStringLiteral("email=zq7.reporter%40example.org&note=") + bold() + QStringLiteral("&x=") + image(),
        response(QString::fromLatin1(invalidUtf8.toBase64()), QStringLiteral("text/html; charset=utf-8"), true)));
    entries.append(entry(QStringLiteral("https://") + longHost + QStringLiteral("/long"),
        QJsonArray { header(QStringLiteral("X-Long"), QString(100 * 1024, u'<') + bold()),
            header(QStringLiteral("Content-Type"), QStringLiteral("application/json")) },
        QStringLiteral("{\"html\": \"") + link().replace(u'"', QStringLiteral("\\\""))
            + QStringLiteral("\", \"bidi\": \"") + bidi + QStringLiteral("\"}"),
        response(bold() + QStringLiteral("\n") + bidi, QStringLiteral("text/plain"))));
    entries.append(entry(QStringLiteral("/bidi"), QJsonArray { header(QStringLiteral("Host"), bidi) }, control,
        response(control, QStringLiteral("application/json"))));
    entries.append(entry(QStringLiteral("/link"),
        QJsonArray { header(QStringLiteral("Host"), QStringLiteral("<a href=x>zqhostile-a</a>.evil.example")) }, lone,
        response(lone, QStringLiteral("text/html"))));
    const QJsonObject log { { QStringLiteral("version"), QStringLiteral("1.2") },
        { QStringLiteral("creator"),
            QJsonObject {
                { QStringLiteral("name"), QString(bold() + bidi) }, { QStringLiteral("version"), image() } } },
        { QStringLiteral("entries"), entries } };
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject { { QStringLiteral("log"), log } }).toJson(QJsonDocument::Compact));
}

QString htmlToPlain(const QString& html)
{
    QTextDocument doc;
    doc.setHtml(html);
    return doc.toPlainText();
}

/// Checks one string as the user would see it (`rendered`: after any rich-text interpretation).
void checkRendered(const QString& rendered, const QString& where, QStringList& problems, bool boundedLength = true)
{
    if (!rendered.contains(u"zqhostile"))
        return;
    for (const Markup& m : kMarkups) {
        const QString marker = QString::fromLatin1(m.marker);
        const QString before = QString::fromLatin1(m.literalBefore);
        for (qsizetype at = rendered.indexOf(marker); at >= 0; at = rendered.indexOf(marker, at + 1)) {
            const qsizetype end = at + marker.size();
            if (end < rendered.size() && rendered[end].isLetter())
                continue; // a longer marker ("zqhostile-bidi" is not "zqhostile-b")
            // A marker cut by "…" or shown alone inside its own escaped markup is fine; one whose markup vanished
            // was interpreted as HTML.
            if (rendered.mid(std::max<qsizetype>(0, at - before.size()), std::min(before.size(), at)) != before
                && !rendered.mid(std::max<qsizetype>(0, at - 64), 64).contains(u'<'))
                problems << QStringLiteral("%1: markup was interpreted: …%2…")
                                .arg(where, rendered.mid(std::max<qsizetype>(0, at - 40), 80));
        }
    }
    for (const QChar c : rendered) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u < 0xa0) || (u >= 0x202a && u <= 0x202e)
            || (u >= 0x2066 && u <= 0x2069)) {
            problems << QStringLiteral("%1: raw U+%2 in %3")
                            .arg(where)
                            .arg(int(u), 4, 16, QLatin1Char('0'))
                            .arg(rendered.left(80));
            break;
        }
    }
    if (boundedLength && rendered.size() > 20000)
        problems << QStringLiteral("%1: a %2-character string shown whole").arg(where).arg(rendered.size());
}

/// What a tooltip shows: Qt renders it as rich text when it looks like HTML.
QString renderedToolTip(const QString& tip)
{
    return Qt::mightBeRichText(tip) ? htmlToPlain(tip) : tip;
}

void checkModel(QAbstractItemModel* model, const QModelIndex& parent, const QString& where, QStringList& problems,
    int& budget, int depth = 0)
{
    const int rows = model->rowCount(parent);
    const int columns = model->columnCount(parent);
    for (int r = 0; r < rows && budget > 0; ++r) {
        for (int c = 0; c < columns && budget > 0; ++c, --budget) {
            const QModelIndex index = model->index(r, c, parent);
            const QString cell = QStringLiteral("%1 row %2 column %3").arg(where).arg(r).arg(c);
            // Item views draw DisplayRole as plain text (no delegate here renders HTML).
            checkRendered(index.data(Qt::DisplayRole).toString(), cell, problems);
            checkRendered(
                renderedToolTip(index.data(Qt::ToolTipRole).toString()), cell + QStringLiteral(" tooltip"), problems);
            checkRendered(
                index.data(Qt::AccessibleTextRole).toString(), cell + QStringLiteral(" accessible"), problems);
            if (c == 0 && depth < 3 && model->hasChildren(index))
                checkModel(model, index, where, problems, budget, depth + 1);
        }
    }
}

/// Everything a widget tree would draw or pop up.
QStringList checkWidgets(QWidget* root, const QString& page)
{
    QStringList problems;
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : std::as_const(widgets)) {
        const QString where = page + QStringLiteral(" / ") + QString::fromLatin1(w->metaObject()->className())
            + (w->objectName().isEmpty() ? QString() : QStringLiteral(" ") + w->objectName());
        checkRendered(renderedToolTip(w->toolTip()), where + QStringLiteral(" tooltip"), problems);
        checkRendered(w->accessibleName(), where + QStringLiteral(" accessible name"), problems);
        if (auto* label = qobject_cast<QLabel*>(w)) {
            const bool rich = label->textFormat() == Qt::RichText
                || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
            checkRendered(rich ? htmlToPlain(label->text()) : label->text(), where, problems);
        } else if (auto* edit = qobject_cast<QTextEdit*>(w)) {
            checkRendered(edit->toPlainText(), where, problems, false); // a message viewer may show it all
        } else if (auto* plain = qobject_cast<QPlainTextEdit*>(w)) {
            checkRendered(plain->toPlainText(), where, problems, false);
        } else if (auto* line = qobject_cast<QLineEdit*>(w)) {
            checkRendered(line->text(), where, problems);
        } else if (auto* view = qobject_cast<QAbstractItemView*>(w)) {
            if (view->model()) {
                int budget = 20000;
                checkModel(view->model(), {}, where, problems, budget);
            }
        } else if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                checkRendered(tabs->tabText(i), where + QStringLiteral(" tab"), problems);
                checkRendered(renderedToolTip(tabs->tabToolTip(i)), where + QStringLiteral(" tab tooltip"), problems);
            }
        } else if (auto* graphics = qobject_cast<QGraphicsView*>(w); graphics && graphics->scene()) {
            // Charts and the map draw text items; a QGraphicsTextItem renders HTML, so check what it shows.
            for (QGraphicsItem* item : graphics->scene()->items()) {
                if (auto* text = dynamic_cast<QGraphicsTextItem*>(item))
                    checkRendered(text->toPlainText(), where + QStringLiteral(" text item"), problems);
                else if (auto* simple = dynamic_cast<QGraphicsSimpleTextItem*>(item))
                    checkRendered(simple->text(), where + QStringLiteral(" text item"), problems);
                checkRendered(renderedToolTip(item->toolTip()), where + QStringLiteral(" item tooltip"), problems);
            }
        }
    }
    return problems;
}

/// Lets queued work (models filled on worker threads) arrive, and says how long the event loop took.
qint64 settle(int ms = 300)
{
    QElapsedTimer timer;
    timer.start();
    QTest::qWait(ms);
    return timer.elapsed();
}

} // namespace

class TestGuiHostile : public QObject
{
    Q_OBJECT
private:
    Scratch m_scratch;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_path = m_scratch.path(QStringLiteral("hostile.leakscope"));
        {
            auto inv = Investigation::open(m_path, Investigation::OpenMode::Create);
            inv->setProperty(QStringLiteral("title"), bold() + QStringLiteral(" investigation"));
            inv->setProperty(QStringLiteral("notes"), image());
            inv->db().exec("INSERT INTO known_identifiers (label, category, value) VALUES "
                           "('<b>zqhostile-b</b> email', 'identity.email', 'zq7.reporter@example.org')");
        }
    }

    void everyPageShowsHostileStringsAsInertText()
    {
        const QString har = m_scratch.path(QStringLiteral("<i>zqhostile-i<\u202Eraw.har"));
        writeHostileHar(har);
        MainWindow window;
        window.show();
        window.openInvestigation(m_path);
        QVERIFY(window.session().isOpen());
        QSignalSpy finished(&window.session().tasks(), &TaskRunner::taskFinished);
        window.importFiles({ har }, image(), bold());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 120000);
        QVERIFY2(finished.at(0).at(1).value<TaskResult>().ok,
            qPrintable(finished.at(0).at(1).value<TaskResult>().details.join(u'\n')));
        settle(1000);
        {
            auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
            QCOMPARE(inv->flowCount(), 4);
        }

        QListWidget* nav = nullptr;
        for (QListWidget* list : window.findChildren<QListWidget*>())
            if (list->accessibleName() == u"Pages")
                nav = list;
        QVERIFY(nav);
        QVERIFY(nav->count() >= 7);
        QStringList problems = checkWidgets(&window, QStringLiteral("window"));
        for (int i = 0; i < nav->count(); ++i) {
            const QString title = nav->item(i)->text();
            nav->setCurrentRow(i);
            const qint64 wait = settle(500);
            QVERIFY2(wait < 30000,
                qPrintable(QStringLiteral("%1: the window did not answer for %2 ms").arg(title).arg(wait)));
            QWidget* page = nullptr;
            for (QStackedWidget* s : window.findChildren<QStackedWidget*>())
                if (s->currentWidget() && s->currentWidget()->accessibleName() == title)
                    page = s->currentWidget();
            QVERIFY2(page, qPrintable(title));
            problems += checkWidgets(page, title);
            // Every tab of the page, and the first rows of each list selected (detail panes fill on selection).
            for (QTabWidget* tabs : page->findChildren<QTabWidget*>()) {
                for (int t = 0; t < tabs->count(); ++t) {
                    tabs->setCurrentIndex(t);
                    settle(100);
                    problems += checkWidgets(page, title + QStringLiteral(" tab ") + tabs->tabText(t));
                }
            }
            for (QAbstractItemView* view : page->findChildren<QAbstractItemView*>()) {
                if (!view->isVisible() || !view->model())
                    continue;
                for (int r = 0; r < std::min(view->model()->rowCount(), 8); ++r) {
                    view->setCurrentIndex(view->model()->index(r, 0));
                    const qint64 rowWait = settle(150);
                    QVERIFY2(rowWait < 30000,
                        qPrintable(QStringLiteral("%1: row %2 took %3 ms").arg(title).arg(r).arg(rowWait)));
                    problems += checkWidgets(page,
                        QStringLiteral("%1 (row %2 of %3 selected)")
                            .arg(title)
                            .arg(r)
                            .arg(QString::fromLatin1(view->metaObject()->className())));
                }
            }
        }
        problems.removeDuplicates();
        for (const QString& problem : std::as_const(problems))
            qWarning("%s", qPrintable(problem)); // QVERIFY2 cuts its message
        QVERIFY2(problems.isEmpty(),
            qPrintable(QStringLiteral("%1 problems, the first: %2").arg(problems.size()).arg(problems.value(0))));
    }

    void pdfShowsHostileStringsAsLiteralText()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        auto inv = Investigation::open(m_path, Investigation::OpenMode::ReadWrite);
        FlowNotes::set(inv->db(), { 1, bold() + QStringLiteral(" ") + link(), true, 0 });
        Report::Options options;
        options.redact = false;
        const QString pdf = m_scratch.path(QStringLiteral("hostile.pdf"));
        const ReportExport::Outcome out = ReportExport::write(*inv, options, pdf);
        QVERIFY2(out.ok, qPrintable(out.error));
        QProcess p;
        p.start(QStringLiteral("pdftotext"), { QStringLiteral("-raw"), pdf, QStringLiteral("-") });
        QVERIFY(p.waitForFinished(60000));
        // pdftotext ends each page with a form feed.
        const QString text = QString::fromUtf8(p.readAllStandardOutput()).remove(u'\f');
        // The title and the hostile host are in the report, with their markup as literal characters.
        QVERIFY2(text.contains(QStringLiteral("<b>zqhostile-b</b> investigation")), qPrintable(text.left(2000)));
        QVERIFY2(text.contains(QStringLiteral("<b>zqhostile-b</b>")), qPrintable(text.left(2000)));
        QStringList problems;
        checkRendered(text, QStringLiteral("PDF"), problems, false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // A message box would wait for a person: close any that opens.
    QTimer closer;
    QObject::connect(&closer, &QTimer::timeout, [] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (w->inherits("QMessageBox") && w->isVisible())
                w->close();
    });
    closer.start(100);
    TestGuiHostile test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_gui_hostile.moc"
