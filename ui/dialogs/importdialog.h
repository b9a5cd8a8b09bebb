// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;

/// Confirms an import: the files, the app their unattributed flows belong to, a label, and an optional TLS
/// key log.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const QStringList& files, const QStringList& knownApps, QWidget* parent = nullptr);

    QStringList files() const;
    QString appName() const;
    QString label() const;
    QString keyLogPath() const;

private:
    QListWidget* m_files;
    QComboBox* m_app;
    QLineEdit* m_label;
    QLineEdit* m_keyLog;
};
