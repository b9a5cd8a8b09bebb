// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowdetailview.h"

#include "bodyformatter.h"
#include "messageview.h"
#include "models/displayformat.h"
#include "report/curlcommand.h"
#include "store/investigation.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr qint64 kMaxShownBody = 4 * 1024 * 1024;

QString flagText(quint32 flags)
{
    QStringList parts;
    if (flags & Data::BodyMissing)
        parts << QObject::tr("body not kept by the capturing tool");
    if (flags & Data::BodyTruncated)
        parts << QObject::tr("body truncated");
    if (flags & Data::BodyLossyText)
        parts << QObject::tr("body exported as text, may not be byte-exact");
    if (flags & Data::ReassemblyGap)
        parts << QObject::tr("packets missing");
    if (flags & Data::Encrypted)
        parts << QObject::tr("encrypted, content not visible");
    if (flags & Data::Decrypted)
        parts << QObject::tr("decrypted with the capture's keys");
    if (flags & Data::HeadersOnly)
        parts << QObject::tr("metadata only");
    if (flags & Data::Incomplete)
        parts << QObject::tr("incomplete exchange");
    if (flags & Data::Replayed)
        parts << QObject::tr("replayed by the proxy");
    if (flags & Data::Tunnel)
        parts << QObject::tr("undecrypted tunnel");
    return parts.join(QStringLiteral("; "));
}

QString absentNote(const Data::Body& body)
{
    if (body.present)
        return {};
    const qint64 size = std::max(body.wireSize, body.decodedSize);
    return size > 0 ? QObject::tr("The body (%1) was not kept by the capturing tool.").arg(DisplayFormat::bytes(size))
                    : QObject::tr("No body.");
}

QToolButton* toolButton(QWidget* parent, const QString& text, const QString& tooltip)
{
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tooltip);
    b->setAccessibleName(text);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

FlowDetailView::FlowDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_noteLabel(new QLabel(this))
    , m_bookmark(
          toolButton(this, tr("☆ Bookmark"), tr("Bookmark this flow (Ctrl+D); bookmarks are listed in the report")))
    , m_noteButton(toolButton(
          this, tr("Note…"), tr("Write a note on this flow (Ctrl+Shift+N); notes are saved in the investigation")))
    , m_copyCurl(toolButton(this, tr("Copy as curl"), tr("Copy a curl command that repeats this request")))
    , m_copyUrl(toolButton(this, tr("Copy URL"), tr("Copy the request URL")))
    , m_tabs(new QTabWidget(this))
    , m_request(new MessageView(tr("Request"), this))
    , m_response(new MessageView(tr("Response"), this))
    , m_webSocket(new QPlainTextEdit(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Flow summary"));
    m_noteLabel->setTextFormat(Qt::PlainText);
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setStyleSheet(QStringLiteral(
        "QLabel { background: palette(alternate-base); padding: 4px; border-left: 3px solid palette(highlight); }"));
    m_bookmark->setCheckable(true);
    m_bookmark->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_noteButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_webSocket->setReadOnly(true);
    m_webSocket->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_webSocket->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_webSocket->setAccessibleName(tr("WebSocket messages"));

    auto* actions = new QHBoxLayout;
    actions->setContentsMargins(0, 0, 0, 0);
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_bookmark);
    actions->addWidget(m_noteButton);
    actions->addWidget(m_copyCurl);
    actions->addWidget(m_copyUrl);
    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(m_response, tr("Response"));
    m_tabs->addTab(m_webSocket, tr("WebSocket"));
    m_tabs->setAccessibleName(tr("Flow details"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(actions);
    layout->addWidget(m_noteLabel);
    layout->addWidget(m_tabs, 1);

    connect(m_bookmark, &QToolButton::toggled, this, [this](bool on) {
        if (!m_flowId || on == m_note.bookmarked)
            return;
        m_note.bookmarked = on;
        m_bookmark->setText(on ? tr("★ Bookmarked") : tr("☆ Bookmark"));
        Q_EMIT noteChanged(m_note);
    });
    connect(m_noteButton, &QToolButton::clicked, this, &FlowDetailView::editNote);
    connect(m_copyCurl, &QToolButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_curl); });
    connect(m_copyUrl, &QToolButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_url); });
    showFlow(nullptr, 0);
}

QString FlowDetailView::tabText(const QString& tab) const
{
    if (tab == u"Request")
        return m_request->text();
    if (tab == u"Response")
        return m_response->text();
    if (tab == u"WebSocket")
        return m_webSocket->toPlainText();
    return {};
}

QString FlowDetailView::noteText() const
{
    return m_note.note;
}

void FlowDetailView::editNote()
{
    if (!m_flowId)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Note on Flow %1").arg(m_flowId),
        tr("Your note (saved in the investigation, shown in the report):"), m_note.note, &ok);
    if (!ok || text == m_note.note)
        return;
    m_note.note = text;
    m_noteLabel->setText(tr("Note: %1").arg(text));
    m_noteLabel->setVisible(!text.trimmed().isEmpty());
    Q_EMIT noteChanged(m_note);
}

void FlowDetailView::showFlow(Investigation* inv, qint64 flowId)
{
    m_flowId = flowId;
    std::optional<Data::StoredFlow> stored;
    try {
        if (inv && flowId) {
            stored = inv->flow(flowId);
            m_note = FlowNotes::get(inv->db(), flowId);
        }
    } catch (const StoreError& e) {
        m_summary->setText(tr("Cannot read this flow: %1").arg(e.message()));
        return;
    }
    const bool shown = stored.has_value();
    for (QWidget* w : { static_cast<QWidget*>(m_bookmark), static_cast<QWidget*>(m_noteButton),
             static_cast<QWidget*>(m_copyCurl), static_cast<QWidget*>(m_copyUrl), static_cast<QWidget*>(m_tabs) })
        w->setEnabled(shown);
    if (!shown) {
        m_flowId = 0;
        m_note = {};
        m_curl.clear();
        m_url.clear();
        m_summary->setText(tr("Select a flow to see its request and response."));
        m_noteLabel->hide();
        m_request->clear();
        m_response->clear();
        m_webSocket->clear();
        m_tabs->setTabVisible(2, false);
        const QSignalBlocker block(m_bookmark);
        m_bookmark->setChecked(false);
        m_bookmark->setText(tr("☆ Bookmark"));
        return;
    }
    const Data::Flow& f = stored->flow;
    QString summary = QStringLiteral("#%1  %2 %3").arg(flowId).arg(f.method, DisplayFormat::inert(f.url, 1000));
    if (f.status)
        summary += QStringLiteral(" → %1 %2").arg(f.status).arg(DisplayFormat::inert(f.reason, 80));
    QStringList facts;
    facts << DisplayFormat::time(f.tsStart);
    if (!f.httpVersion.isEmpty())
        facts << f.httpVersion;
    if (!f.serverIp.isEmpty())
        facts << tr("server %1").arg(f.serverIp);
    if (!f.sni.isEmpty())
        facts << tr("SNI %1").arg(DisplayFormat::inert(f.sni, 200));
    if (!f.app.name.isEmpty())
        facts << tr("app %1 (%2)").arg(DisplayFormat::inert(f.app.name, 80), DisplayFormat::inert(f.app.reason, 120));
    if (const QString flags = flagText(f.flags); !flags.isEmpty())
        facts << flags;
    if (!f.error.isEmpty())
        facts << tr("error: %1").arg(DisplayFormat::inert(f.error, 300));
    if (!f.comment.isEmpty())
        facts << tr("capture comment: %1").arg(DisplayFormat::inert(f.comment, 300));
    facts << tr("source: %1").arg(f.sourceRef);
    m_summary->setText(summary + QLatin1Char('\n') + facts.join(QStringLiteral(" · ")));
    m_noteLabel->setText(tr("Note: %1").arg(m_note.note));
    m_noteLabel->setVisible(!m_note.note.trimmed().isEmpty());
    {
        const QSignalBlocker block(m_bookmark);
        m_bookmark->setChecked(m_note.bookmarked);
        m_bookmark->setText(m_note.bookmarked ? tr("★ Bookmarked") : tr("☆ Bookmark"));
    }

    const QByteArray requestBody =
        f.requestBody.present ? inv->body(stored->requestBodyId, kMaxShownBody) : QByteArray();
    const QByteArray responseBody =
        f.responseBody.present ? inv->body(stored->responseBodyId, kMaxShownBody) : QByteArray();
    m_request->setMessage(QStringLiteral("%1 %2 %3").arg(f.method, f.url, f.httpVersion), f.requestHeaders, requestBody,
        f.requestBody.contentEncoding, f.requestContentType, absentNote(f.requestBody));
    if (f.status || !f.responseHeaders.empty())
        m_response->setMessage(QStringLiteral("%1 %2 %3").arg(f.httpVersion).arg(f.status).arg(f.reason),
            f.responseHeaders, responseBody, f.responseBody.contentEncoding, f.responseContentType,
            absentNote(f.responseBody));
    else
        m_response->setMessage(tr("(no response)"), {}, {}, {}, {}, tr("No response was captured."));
    m_url = f.url;
    m_curl = CurlCommand::fromFlow(f, requestBody);

    const auto messages = inv->webSocketMessages(flowId, 64 * 1024);
    m_tabs->setTabVisible(2, !messages.empty());
    QString ws;
    for (const auto& m : messages) {
        const auto rendering =
            BodyFormatter::render(m.data, m.opcode == 1 ? QStringLiteral("text/plain") : QString(), {});
        ws += QStringLiteral("%1 %2 [%3]\n%4\n\n")
                  .arg(DisplayFormat::time(m.ts), m.fromClient ? tr("→ sent") : tr("← received"), rendering.description,
                      rendering.text);
    }
    m_webSocket->setPlainText(ws);
}
