// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/markerstore.h"

#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;

/// Adds or edits one marker: its label (the labels the analysis knows, or free text), its time on the
/// investigator's clock (to the millisecond, UTC) and a note.
class MarkerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MarkerDialog(const Data::Marker& marker, QWidget* parent = nullptr);
    Data::Marker marker() const;

private:
    Data::Marker m_marker;
    QComboBox* m_label;
    QDateTimeEdit* m_time;
    QLineEdit* m_note;
};
