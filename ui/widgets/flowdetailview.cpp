// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowdetailview.h"

#include "bodyformatter.h"
#include "models/displayformat.h"
#include "store/investigation.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

constexpr qint64 kMaxShownBody = 2 * 1024 * 1024;

QString headerBlock(const Data::Headers& headers)
{
    QString out;
    for (const auto& h : headers)
        out += DisplayFormat::inert(QString::fromUtf8(h.name), 200) + QStringLiteral(": ")
            + DisplayFormat::inert(QString::fromUtf8(h.value), 4000) + QLatin1Char('\n');
    return out;
}

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
    return parts.join(QStringLiteral("; "));
}

} // namespace

FlowDetailView::FlowDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    m_request = addTextTab(tr("Request"));
    m_response = addTextTab(tr("Response"));
    m_webSocket = addTextTab(tr("WebSocket"));
    m_tabs->setAccessibleName(tr("Flow details"));
    showFlow(nullptr, 0);
}

QPlainTextEdit* FlowDetailView::addTextTab(const QString& title)
{
    auto* edit = new QPlainTextEdit(m_tabs);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setAccessibleName(title);
    m_tabs->addTab(edit, title);
    return edit;
}

QString FlowDetailView::tabText(const QString& tab) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->tabText(i) == tab)
            return static_cast<QPlainTextEdit*>(m_tabs->widget(i))->toPlainText();
    }
    return {};
}

void FlowDetailView::showFlow(Investigation* inv, qint64 flowId)
{
    m_flowId = flowId;
    std::optional<Data::StoredFlow> stored;
    try {
        if (inv && flowId)
            stored = inv->flow(flowId);
    } catch (const StoreError& e) {
        m_summary->setText(tr("Cannot read this flow: %1").arg(e.message()));
        return;
    }
    if (!stored) {
        m_summary->setText(tr("Select a flow to see its request and response."));
        m_request->clear();
        m_response->clear();
        m_webSocket->clear();
        m_tabs->setTabVisible(2, false);
        return;
    }
    const Data::Flow& f = stored->flow;
    QString summary = QStringLiteral("%1 %2").arg(f.method, DisplayFormat::inert(f.url, 1000));
    if (f.status)
        summary += QStringLiteral(" → %1 %2").arg(f.status).arg(DisplayFormat::inert(f.reason, 80));
    QStringList facts;
    facts << DisplayFormat::time(f.tsStart);
    if (!f.httpVersion.isEmpty())
        facts << f.httpVersion;
    if (!f.serverIp.isEmpty())
        facts << tr("server %1").arg(f.serverIp);
    if (!f.app.name.isEmpty())
        facts << tr("app %1 (%2)").arg(DisplayFormat::inert(f.app.name, 80), DisplayFormat::inert(f.app.reason, 120));
    if (const QString flags = flagText(f.flags); !flags.isEmpty())
        facts << flags;
    if (!f.error.isEmpty())
        facts << tr("error: %1").arg(DisplayFormat::inert(f.error, 300));
    if (!f.comment.isEmpty())
        facts << tr("comment: %1").arg(DisplayFormat::inert(f.comment, 300));
    facts << tr("source: %1").arg(f.sourceRef);
    m_summary->setText(summary + QLatin1Char('\n') + facts.join(QStringLiteral(" · ")));

    auto bodyText = [&](qint64 bodyId, const Data::Body& body, const QString& contentType) {
        if (!body.present)
            return body.wireSize > 0 || body.decodedSize > 0 ? tr("(the body, %1, was not kept by the capturing tool)").arg(DisplayFormat::bytes(std::max(body.wireSize, body.decodedSize)))
                                                             : tr("(no body)");
        const QByteArray bytes = inv->body(bodyId, kMaxShownBody);
        const auto rendering = BodyFormatter::render(bytes, contentType, body.contentEncoding);
        return QStringLiteral("[%1]\n\n%2").arg(rendering.description, rendering.text);
    };
    m_request->setPlainText(QStringLiteral("%1 %2 %3\n").arg(f.method, f.url, f.httpVersion) + headerBlock(f.requestHeaders)
                            + QLatin1Char('\n') + bodyText(stored->requestBodyId, f.requestBody, f.requestContentType));
    if (f.status || !f.responseHeaders.empty())
        m_response->setPlainText(QStringLiteral("%1 %2 %3\n").arg(f.httpVersion).arg(f.status).arg(f.reason)
                                 + headerBlock(f.responseHeaders) + QLatin1Char('\n')
                                 + bodyText(stored->responseBodyId, f.responseBody, f.responseContentType));
    else
        m_response->setPlainText(tr("(no response)"));

    const auto messages = inv->webSocketMessages(flowId, 64 * 1024);
    m_tabs->setTabVisible(2, !messages.empty());
    QString ws;
    for (const auto& m : messages) {
        const auto rendering = BodyFormatter::render(m.data, m.opcode == 1 ? QStringLiteral("text/plain") : QString(), {});
        ws += QStringLiteral("%1 %2 [%3]\n%4\n\n")
                  .arg(DisplayFormat::time(m.ts), m.fromClient ? QStringLiteral("→ sent") : QStringLiteral("← received"),
                       rendering.description, rendering.text);
    }
    m_webSocket->setPlainText(ws);
}
