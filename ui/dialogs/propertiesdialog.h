// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QMap>

class QLineEdit;
class QPlainTextEdit;
class QDoubleSpinBox;
class QCheckBox;
class QComboBox;

/// File → Properties: the investigation's title, reporter, notes, test device, the device's location (the
/// map draws arcs from it) and time zone.
class PropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    /// `values` holds the current properties by key (title, reporter, notes, device, device_lat, device_lon,
    /// time_zone); values() returns the edited ones (empty strings remove a property).
    PropertiesDialog(const QMap<QString, QString>& values, QWidget* parent = nullptr);
    QMap<QString, QString> values() const;

    static QStringList keys();

private:
    QLineEdit* m_title;
    QLineEdit* m_reporter;
    QPlainTextEdit* m_notes;
    QLineEdit* m_device;
    QCheckBox* m_hasLocation;
    QDoubleSpinBox* m_lat;
    QDoubleSpinBox* m_lon;
    QComboBox* m_timeZone;
};
