// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "models/displayformat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

ImportDialog::ImportDialog(const QStringList& files, const QStringList& knownApps, QWidget* parent)
    : QDialog(parent)
    , m_files(new QListWidget(this))
    , m_app(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_keyLog(new QLineEdit(this))
{
    setWindowTitle(tr("Import Captures"));
    for (const QString& f : files) {
        auto* item = new QListWidgetItem(QFileInfo(f).fileName(), m_files);
        item->setData(Qt::UserRole, f);
        item->setToolTip(DisplayFormat::toolTip(f));
    }
    m_files->setAccessibleName(tr("Files to import"));
    m_app->setEditable(true);
    m_app->addItem(QString());
    m_app->addItems(knownApps);
    m_app->setToolTip(tr("Flows whose capture does not say which app sent them (HAR, most proxies) are attributed "
                         "to this app. Leave empty to let Leakscope infer it from User-Agent headers."));
    m_app->setAccessibleName(tr("App"));
    m_label->setPlaceholderText(tr("e.g. run A: draft discarded"));
    m_label->setAccessibleName(tr("Label"));
    m_keyLog->setPlaceholderText(tr("optional SSLKEYLOGFILE for packet captures"));
    m_keyLog->setAccessibleName(tr("TLS key log"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* keyLogRow = new QHBoxLayout;
    keyLogRow->addWidget(m_keyLog, 1);
    keyLogRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&App:"), m_app);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("TLS &key log:"), keyLogRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_files);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(
            this, tr("TLS Key Log"), {}, tr("Key logs (*.txt *.log *.keys);;All files (*)"));
        if (!f.isEmpty())
            m_keyLog->setText(f);
    });
}

QStringList ImportDialog::files() const
{
    QStringList out;
    for (int i = 0; i < m_files->count(); ++i)
        out.append(m_files->item(i)->data(Qt::UserRole).toString());
    return out;
}

QString ImportDialog::appName() const
{
    return m_app->currentText().trimmed();
}

QString ImportDialog::label() const
{
    return m_label->text().trimmed();
}

QString ImportDialog::keyLogPath() const
{
    return m_keyLog->text().trimmed();
}
