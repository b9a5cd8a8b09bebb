// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "markerdialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>

MarkerDialog::MarkerDialog(const Data::Marker& marker, QWidget* parent)
    : QDialog(parent)
    , m_marker(marker)
    , m_label(new QComboBox(this))
    , m_time(new QDateTimeEdit(this))
    , m_note(new QLineEdit(this))
{
    setWindowTitle(marker.id ? tr("Edit Marker") : tr("Add Marker"));
    m_label->setEditable(true);
    m_label->addItems(MarkerStore::knownLabels());
    m_label->setCurrentText(marker.label.isEmpty() ? QStringLiteral("tapped_post") : marker.label);
    m_label->setAccessibleName(tr("Marker label"));
    m_time->setTimeSpec(Qt::UTC);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
    m_time->setDateTime(QDateTime::fromMSecsSinceEpoch(marker.ts / 1000, QTimeZone::utc()));
    m_time->setAccessibleName(tr("Marker time"));
    m_note->setText(marker.note);
    m_note->setMaxLength(4000);
    m_note->setAccessibleName(tr("Marker note"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Action:"), m_label);
    form->addRow(tr("&Time (your clock):"), m_time);
    form->addRow(tr("&Note:"), m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_label, &QComboBox::currentTextChanged, this,
        [buttons](const QString& t) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.trimmed().isEmpty()); });
}

Data::Marker MarkerDialog::marker() const
{
    Data::Marker m = m_marker;
    m.label = m_label->currentText().trimmed().left(200);
    m.note = m_note->text().trimmed();
    // Keep the microseconds the widget cannot show when the time was not changed.
    const qint64 ms = m_time->dateTime().toMSecsSinceEpoch();
    if (ms != m_marker.ts / 1000)
        m.ts = ms * 1000;
    return m;
}
