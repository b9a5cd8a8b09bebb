// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;

/// File → Export PDF Summary: where to write, which app, page size, and redaction (on unless the user asks
/// for an internal copy).
class ReportDialog : public QDialog
{
    Q_OBJECT
public:
    ReportDialog(const QStringList& apps, const QString& suggestedPath, QWidget* parent = nullptr);

    QString path() const;
    QString appName() const; ///< empty = all apps
    QString pageSize() const;
    bool redact() const;

private:
    QLineEdit* m_path;
    QComboBox* m_app;
    QComboBox* m_pageSize;
    QCheckBox* m_includeSecrets;
};
