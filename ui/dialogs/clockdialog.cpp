// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clockdialog.h"

#include "common/inerttext.h"
#include "common/timeutil.h"
#include "uploads/clocksync.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

ClockDialog::ClockDialog(Database& reader, qint64 captureId, qint64 offsetUs, QWidget* parent)
    : QDialog(parent)
    , m_reader(reader)
    , m_captureId(captureId)
    , m_offset(new QDoubleSpinBox(this))
    , m_beacon(new QLineEdit(this))
    , m_openedAt(new QDateTimeEdit(this))
    , m_found(new QLabel(this))
{
    setWindowTitle(tr("Align the Clocks"));
    m_offset->setRange(-1e9, 1e9);
    m_offset->setDecimals(3);
    m_offset->setSuffix(tr(" ms"));
    m_offset->setValue(double(offsetUs) / 1000.0);
    m_offset->setAccessibleName(tr("Clock offset"));
    m_beacon->setPlaceholderText(tr("http://sync-7f3a2c.example.org/ or the unique part of it"));
    m_openedAt->setTimeSpec(Qt::UTC);
    m_openedAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"));
    m_openedAt->setDateTime(QDateTime::currentDateTimeUtc());
    m_found->setWordWrap(true);
    m_found->setTextFormat(Qt::PlainText);

    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Markers are noted on your clock (usually the phone's); the capture has its own. The offset "
                      "is your clock minus the capture's: 1800 ms when the phone was 1.8 s ahead."),
            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    form->addRow(tr("&Offset:"), m_offset);
    layout->addLayout(form);
    auto* beacon = new QGroupBox(tr("From a sync beacon"), this);
    auto* beaconForm = new QFormLayout(beacon);
    beaconForm->addRow(tr("Unique &URL opened on the phone:"), m_beacon);
    beaconForm->addRow(tr("Opened at (your clock):"), m_openedAt);
    auto* find = new QPushButton(tr("&Find It in the Capture"), beacon);
    beaconForm->addRow(find, m_found);
    layout->addWidget(beacon);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(find, &QPushButton::clicked, this, &ClockDialog::findBeacon);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ClockDialog::findBeacon()
{
    QString error;
    ClockSync::Sighting seen;
    const qint64 openedAt = m_openedAt->dateTime().toMSecsSinceEpoch() * 1000;
    const auto offset = ClockSync::offsetFromBeacon(m_reader, m_captureId, m_beacon->text(), openedAt, &error, &seen);
    if (!offset) {
        m_found->setText(error);
        return;
    }
    m_offset->setValue(double(*offset) / 1000.0);
    m_found->setText(tr("Seen at %1: %2").arg(TimeUtil::formatIsoUtc(seen.ts), InertText::make(seen.what, 200)));
}

qint64 ClockDialog::offsetUs() const
{
    return static_cast<qint64>(std::llround(m_offset->value() * 1000.0));
}
