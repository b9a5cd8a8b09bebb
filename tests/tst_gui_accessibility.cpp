// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard and screen-reader access on every page of the window: each control that takes focus has a name a
// screen reader can say (its accessible name, its text, or a label that is its buddy), and each page has a
// keyboard shortcut in the View menu.
#include "mainwindow.h"
#include "pipeline/demo.h"
#include "testutils.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

using namespace TestUtils;

namespace {

/// What a screen reader would announce for `w`, or empty.
QString spokenName(QWidget* w, const QHash<QWidget*, QString>& buddies)
{
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    if (auto* b = qobject_cast<QAbstractButton*>(w); b && !b->text().remove(u'&').trimmed().isEmpty())
        return b->text();
    return buddies.value(w);
}

} // namespace

class TestGuiAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LEAKSCOPE_DATA_DIR", LEAKSCOPE_SOURCE_DIR "/resources");
        m_demo = m_scratch.path(QStringLiteral("demo.leakscope"));
        QString error;
        QVERIFY2(Demo::build(m_demo, &error), qPrintable(error));
    }

    void everyControlIsNamed()
    {
        MainWindow window;
        window.show();
        window.openInvestigation(m_demo);
        auto* nav = window.findChild<QListWidget*>(QStringLiteral("pageList"));
        QVERIFY(nav);
        QStringList unnamed;
        int checked = 0;
        for (int i = 0; i < nav->count(); ++i) {
            nav->setCurrentRow(i);
            QTest::qWait(50);
            QWidget* page = window.findChild<QStackedWidget*>()->currentWidget();
            QHash<QWidget*, QString> buddies;
            for (QLabel* label : window.findChildren<QLabel*>()) {
                if (label->buddy())
                    buddies.insert(label->buddy(), label->text());
            }
            for (QWidget* w : page->findChildren<QWidget*>()) {
                if (!w->isVisibleTo(page) || w->focusPolicy() == Qt::NoFocus || w->focusProxy())
                    continue;
                if (w->inherits("QScrollBar") || w->inherits("QTabBar") || w->inherits("QAbstractSpinBox")
                    || w->parentWidget()->inherits("QAbstractSpinBox")
                    || w->inherits("QLineEdit") && w->parentWidget()->inherits("QComboBox"))
                    continue; // parts of a named composite control
                ++checked;
                if (spokenName(w, buddies).isEmpty())
                    unnamed << QStringLiteral("%1: %2 %3")
                                   .arg(nav->item(i)->text(), QString::fromLatin1(w->metaObject()->className()),
                                       w->objectName());
            }
        }
        QVERIFY2(checked > 40, qPrintable(QString::number(checked))); // every page's controls were visited
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }

    void everyPageHasAShortcut()
    {
        MainWindow window;
        auto* nav = window.findChild<QListWidget*>(QStringLiteral("pageList"));
        QStringList pages;
        for (int i = 0; i < nav->count(); ++i)
            pages << nav->item(i)->text();
        QStringList withShortcut;
        for (QAction* menu : window.menuBar()->actions()) {
            if (!menu->menu())
                continue;
            for (QAction* a : menu->menu()->actions()) {
                if (pages.contains(a->text()) && !a->shortcut().isEmpty())
                    withShortcut << a->text();
            }
        }
        QCOMPARE(withShortcut, pages);
    }

private:
    Scratch m_scratch;
    QString m_demo;
};

QTEST_MAIN(TestGuiAccessibility)
#include "tst_gui_accessibility.moc"
