// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/flownotes.h"

#include <QWidget>

class Investigation;
class MessageView;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QToolButton;

/// The detail pane of the Flows page: a summary, the investigator's note and bookmark, then the request, the
/// response and WebSocket messages. Strings from captures are never rendered as rich text. Edits are reported
/// as signals; the page writes them.
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
    MessageView* requestView() const
    {
        return m_request;
    }
    MessageView* responseView() const
    {
        return m_response;
    }
    /// The curl command for the flow shown (what "Copy as curl" puts on the clipboard).
    QString curlCommand() const
    {
        return m_curl;
    }
    QString noteText() const;

Q_SIGNALS:
    void noteChanged(const Data::FlowNote& note);

private:
    void editNote();

    qint64 m_flowId = 0;
    Data::FlowNote m_note;
    QString m_curl;
    QString m_url;
    QLabel* m_summary;
    QLabel* m_noteLabel;
    QToolButton* m_bookmark;
    QToolButton* m_noteButton;
    QToolButton* m_copyCurl;
    QToolButton* m_copyUrl;
    QTabWidget* m_tabs;
    MessageView* m_request;
    MessageView* m_response;
    QPlainTextEdit* m_webSocket;
};
