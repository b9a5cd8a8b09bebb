// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class Investigation;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

/// The detail pane of the Flows page: a summary line, then request, response and WebSocket messages with
/// headers and bodies, all as plain text (strings from captures are never rendered as rich text).
class FlowDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit FlowDetailView(QWidget* parent = nullptr);

    /// Shows a flow read through `investigation`; 0 clears the view.
    void showFlow(Investigation* investigation, qint64 flowId);
    qint64 flowId() const
    {
        return m_flowId;
    }
    /// The text of a tab ("Request", "Response", "WebSocket"), for tests.
    QString tabText(const QString& tab) const;

private:
    QPlainTextEdit* addTextTab(const QString& title);

    qint64 m_flowId = 0;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    QPlainTextEdit* m_request;
    QPlainTextEdit* m_response;
    QPlainTextEdit* m_webSocket;
};
