// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

/// Help → About: the program, its licence, and the credits and licences of the reference data (NOTICE and
/// the versions in use), as plain text.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    /// The credits text (also used by tests).
    static QString creditsText();
};
