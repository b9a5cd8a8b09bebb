// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include "common/paths.h"
#include "refdata/refdatacatalogue.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Leakscope"));
    resize(760, 600);
    auto* label =
        new QLabel(tr("Leakscope %1\n\nA privacy dashboard for app network captures: where the data goes, what "
                      "personal data it carries, and whether media leave the device before \"post\".\n\nLicensed "
                      "under the GNU General Public License, version 3 or later. Leakscope opens no network "
                      "connection unless you ask it to (Help → Update Reference Data…).")
                       .arg(QApplication::applicationVersion()),
            this);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    auto* credits = new QPlainTextEdit(creditsText(), this);
    credits->setReadOnly(true);
    credits->setAccessibleName(tr("Credits and licences"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(new QLabel(tr("Reference data in use, credits and licences:"), this));
    layout->addWidget(credits, 1);
    layout->addWidget(buttons);
}

QString AboutDialog::creditsText()
{
    QString text;
    const RefDataCatalogue catalogue = RefDataCatalogue::load();
    for (const DatasetInfo& d : catalogue.datasets()) {
        text +=
            QStringLiteral("• %1 — %2 — %3%4\n  %5\n")
                .arg(d.name, d.version, d.license, d.userUpdated ? tr(" (updated by you)") : QString(), d.attribution);
    }
    QFile notice(Paths::resource(QStringLiteral("data/NOTICE")));
    if (notice.open(QIODevice::ReadOnly))
        text += u'\n' + QString::fromUtf8(notice.readAll());
    else
        text += tr("\n(The NOTICE file of the reference data is missing from this installation.)\n");
    return text;
}
