// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/records.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTreeWidget;

/// One HTTP message in the detail pane: the start line and headers, then the body as text, as a tree (JSON,
/// forms), as a hex dump, or as an image preview. Everything from the capture is plain text.
class MessageView : public QWidget
{
    Q_OBJECT
public:
    explicit MessageView(const QString& name, QWidget* parent = nullptr);

    /// `body` is the stored bytes (possibly still content-encoded); `totalSize` the stored size.
    void setMessage(const QString& startLine, const Data::Headers& headers, const QByteArray& body,
        const QByteArray& contentEncoding, const QString& contentType, const QString& absentBodyNote);
    void clear();
    /// Everything shown as text (start line, headers, body text), for tests and copying.
    QString text() const;
    /// The views offered for this body ("Text", "Tree", "Hex", "Image").
    QStringList availableViews() const;
    void setView(const QString& view);

private:
    QPlainTextEdit* m_headers;
    QComboBox* m_viewChoice;
    QLabel* m_bodyInfo;
    QStackedWidget* m_bodyStack;
    QPlainTextEdit* m_text;
    QTreeWidget* m_tree;
    QPlainTextEdit* m_hex;
    QLabel* m_image;
    QString m_startAndHeaders;
};
