// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "propertiesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimeZone>
#include <QVBoxLayout>

QStringList PropertiesDialog::keys()
{
    return { QStringLiteral("title"), QStringLiteral("reporter"), QStringLiteral("notes"), QStringLiteral("device"),
        QStringLiteral("device_lat"), QStringLiteral("device_lon"), QStringLiteral("time_zone") };
}

PropertiesDialog::PropertiesDialog(const QMap<QString, QString>& values, QWidget* parent)
    : QDialog(parent)
    , m_title(new QLineEdit(values.value(QStringLiteral("title")), this))
    , m_reporter(new QLineEdit(values.value(QStringLiteral("reporter")), this))
    , m_notes(new QPlainTextEdit(values.value(QStringLiteral("notes")), this))
    , m_device(new QLineEdit(values.value(QStringLiteral("device")), this))
    , m_hasLocation(new QCheckBox(tr("Known"), this))
    , m_lat(new QDoubleSpinBox(this))
    , m_lon(new QDoubleSpinBox(this))
    , m_timeZone(new QComboBox(this))
{
    setWindowTitle(tr("Investigation Properties"));
    m_title->setPlaceholderText(tr("e.g. Does Vidzy upload drafts?"));
    m_reporter->setPlaceholderText(tr("your name, or the desk"));
    m_device->setPlaceholderText(tr("e.g. Pixel 7, Android 14, test account"));
    m_notes->setPlaceholderText(tr(
        "How the captures were made: tools, settings, the steps you took. This goes into the report's methodology."));
    m_notes->setTabChangesFocus(true);
    for (QDoubleSpinBox* box : { m_lat, m_lon }) {
        box->setDecimals(5);
        box->setSingleStep(0.001);
    }
    m_lat->setRange(-90, 90);
    m_lon->setRange(-180, 180);
    bool okLat = false, okLon = false;
    const double lat = values.value(QStringLiteral("device_lat")).toDouble(&okLat);
    const double lon = values.value(QStringLiteral("device_lon")).toDouble(&okLon);
    m_hasLocation->setChecked(okLat && okLon);
    m_lat->setValue(okLat ? lat : 0);
    m_lon->setValue(okLon ? lon : 0);
    m_lat->setEnabled(m_hasLocation->isChecked());
    m_lon->setEnabled(m_hasLocation->isChecked());
    connect(m_hasLocation, &QCheckBox::toggled, m_lat, &QWidget::setEnabled);
    connect(m_hasLocation, &QCheckBox::toggled, m_lon, &QWidget::setEnabled);
    m_hasLocation->setToolTip(
        tr("Where the test device was. The map draws the data's journey from here. Leave it unset if it "
           "would reveal where you are."));

    m_timeZone->setEditable(true);
    m_timeZone->addItem(QString());
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromLatin1(id));
    m_timeZone->setCurrentText(values.value(QStringLiteral("time_zone")));
    m_timeZone->setToolTip(tr("The time zone the investigation's times are reported in (the device's, usually)."));

    auto* location = new QHBoxLayout;
    location->addWidget(m_hasLocation);
    location->addWidget(m_lat);
    location->addWidget(m_lon);
    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Reporter:"), m_reporter);
    form->addRow(tr("Test &device:"), m_device);
    form->addRow(tr("Device &location (lat, lon):"), location);
    form->addRow(tr("Time &zone:"), m_timeZone);
    form->addRow(tr("&Notes and method:"), m_notes);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 460);
}

QMap<QString, QString> PropertiesDialog::values() const
{
    QMap<QString, QString> v;
    v.insert(QStringLiteral("title"), m_title->text().trimmed());
    v.insert(QStringLiteral("reporter"), m_reporter->text().trimmed());
    v.insert(QStringLiteral("notes"), m_notes->toPlainText().trimmed());
    v.insert(QStringLiteral("device"), m_device->text().trimmed());
    v.insert(
        QStringLiteral("device_lat"), m_hasLocation->isChecked() ? QString::number(m_lat->value(), 'f', 5) : QString());
    v.insert(
        QStringLiteral("device_lon"), m_hasLocation->isChecked() ? QString::number(m_lon->value(), 'f', 5) : QString());
    v.insert(QStringLiteral("time_zone"), m_timeZone->currentText().trimmed());
    return v;
}
