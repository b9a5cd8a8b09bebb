// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class Database;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

/// The clock offset of one capture (the investigator's marker clock minus the capture's clock), typed in or
/// computed from a sync beacon the capture shows (ClockSync).
class ClockDialog : public QDialog
{
    Q_OBJECT
public:
    ClockDialog(Database& reader, qint64 captureId, qint64 offsetUs, QWidget* parent = nullptr);
    qint64 offsetUs() const;

private:
    void findBeacon();

    Database& m_reader;
    qint64 m_captureId;
    QDoubleSpinBox* m_offset;
    QLineEdit* m_beacon;
    QDateTimeEdit* m_openedAt;
    QLabel* m_found;
};
