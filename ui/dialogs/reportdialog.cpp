// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPageSize>
#include <QPushButton>
#include <QVBoxLayout>

ReportDialog::ReportDialog(const QStringList& apps, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent)
    , m_path(new QLineEdit(suggestedPath, this))
    , m_app(new QComboBox(this))
    , m_pageSize(new QComboBox(this))
    , m_includeSecrets(
          new QCheckBox(tr("Include my identifiers, cookies and tokens (internal copy, not for publication)"), this))
{
    setWindowTitle(tr("Export PDF Summary"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_app->addItem(tr("All apps"), QString());
    for (const QString& a : apps)
        m_app->addItem(a, a);
    m_pageSize->addItem(tr("A4"), QStringLiteral("A4"));
    m_pageSize->addItem(tr("US Letter"), QStringLiteral("Letter"));
    // US and Canadian users get Letter by default.
    if (QPageSize::id(QLocale().measurementSystem() == QLocale::ImperialUSSystem ? QPageSize::Letter : QPageSize::A4)
        == QPageSize::Letter)
        m_pageSize->setCurrentIndex(1);
    m_path->setAccessibleName(tr("PDF file"));
    m_app->setAccessibleName(tr("App"));
    m_pageSize->setAccessibleName(tr("Page size"));
    auto* note = new QLabel(
        tr("The report follows the current filter. A file with the PDF's SHA-256 is written next to it."), this);
    note->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), pathRow);
    form->addRow(tr("&App:"), m_app);
    form->addRow(tr("&Page size:"), m_pageSize);
    form->addRow(QString(), m_includeSecrets);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("PDF Summary"), m_path->text(), tr("PDF documents (*.pdf)"));
        if (!f.isEmpty())
            m_path->setText(f.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive) ? f : f + QStringLiteral(".pdf"));
    });
    resize(560, sizeHint().height());
}

QString ReportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ReportDialog::appName() const
{
    return m_app->currentData().toString();
}

QString ReportDialog::pageSize() const
{
    return m_pageSize->currentData().toString();
}

bool ReportDialog::redact() const
{
    return !m_includeSecrets->isChecked();
}
