// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcomepage.h"

#include "models/displayformat.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
{
    auto* title = new QLabel(tr("Leakscope"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.2);
    f.setBold(true);
    title->setFont(f);
    auto* intro = new QLabel(tr("See where an app's data goes, what personal data it carries, and whether media "
                                "leave the phone before you press \"post\".\n\nStart an investigation, then import "
                                "the captures you made with mitmproxy, HTTP Toolkit, Charles, Burp, a browser's HAR "
                                "export, PCAPdroid or tcpdump."),
        this);
    intro->setWordWrap(true);
    auto* newButton = new QPushButton(tr("&New Investigation…"), this);
    auto* openButton = new QPushButton(tr("&Open Investigation…"), this);
    auto* demoButton = new QPushButton(tr("Open &Demo Investigation"), this);
    demoButton->setToolTip(tr("A fictional short-video app, \"Vidzy\", with synthetic personal data"));
    auto* recentLabel = new QLabel(tr("Recent investigations:"), this);
    m_recent->setAccessibleName(tr("Recent investigations"));

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(12);
    column->addWidget(newButton);
    column->addWidget(openButton);
    column->addWidget(demoButton);
    column->addSpacing(12);
    column->addWidget(recentLabel);
    column->addWidget(m_recent, 1);
    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(demoButton, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { Q_EMIT recentRequested(item->data(Qt::UserRole).toString()); });
}

void WelcomePage::setRecentFiles(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(
            QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), QFileInfo(path).absolutePath()), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(DisplayFormat::toolTip(path));
    }
    if (paths.isEmpty())
        new QListWidgetItem(tr("(none yet)"), m_recent);
}
