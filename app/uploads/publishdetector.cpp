// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "publishdetector.h"

#include <QRegularExpression>
#include <QUrl>

namespace Uploads {

bool isCancelRequest(const QString& method, const QString& url)
{
    if (method == u"DELETE")
        return true;
    static const QRegularExpression re(
        QStringLiteral("(^|[/_.-])(cancel|abort|discard|delete|remove|destroy)([/_.?-]|$)"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(QUrl(url).path()).hasMatch();
}

namespace {

bool names(const OtherRequest& r, const QString& ref)
{
    if (r.text.contains(ref.toUtf8()))
        return true;
    // Ids in form bodies and queries may be percent-encoded.
    const QByteArray encoded = QUrl::toPercentEncoding(ref);
    return encoded != ref.toUtf8() && r.text.contains(encoded);
}

/// Publish calls carry what the user wrote; analytics that merely mention the upload do not.
bool hasCaptionField(const QByteArray& text)
{
    static const QRegularExpression re(QStringLiteral("[\"&?]?(caption|text|description|title)[\"]?\\s*[:=]"),
        QRegularExpression::CaseInsensitiveOption);
    // Form bodies carry JSON percent-encoded (Instagram's signed_body).
    return re.match(QUrl::fromPercentEncoding(text.left(256 * 1024))).hasMatch();
}

} // namespace

void detectPublishAndCancel(std::vector<Session>& sessions, const std::vector<OtherRequest>& others)
{
    for (Session& s : sessions) {
        QStringList refs = s.refs;
        // The upload URL itself (without scheme), e.g. a DELETE of it or a commit naming it.
        const QUrl upload(s.url);
        const QString uploadPath = upload.host() + upload.path();
        bool publishHasCaption = false;
        for (const OtherRequest& r : others) {
            if (r.ts < s.started)
                continue;
            QString matched;
            for (const QString& ref : std::as_const(refs)) {
                if (names(r, ref)) {
                    matched = ref;
                    break;
                }
            }
            if (matched.isEmpty() && upload.path().size() > 1) {
                const QUrl u(r.url);
                if (u.host() + u.path() == uploadPath)
                    matched = QStringLiteral("the upload URL");
            }
            if (matched.isEmpty())
                continue;
            if (isCancelRequest(r.method, r.url)) {
                if (!s.cancelFlowId) {
                    s.cancelFlowId = r.flowId;
                    s.cancelTs = r.ts;
                }
            } else if (r.method != u"GET" && r.method != u"HEAD" && r.method != u"OPTIONS") {
                // The first request naming the upload, unless a later one carries a caption-like field and the
                // first did not (an analytics event about the upload before the real publish call).
                const bool caption = hasCaptionField(r.text);
                if (!s.publishFlowId || (caption && !publishHasCaption)) {
                    s.publishFlowId = r.flowId;
                    s.publishTs = r.ts;
                    s.publishEvidence = matched == u"the upload URL"
                        ? QStringLiteral("names the upload URL")
                        : QStringLiteral("names upload id %1").arg(matched);
                    publishHasCaption = caption;
                }
            }
            if (s.publishFlowId && publishHasCaption && s.cancelFlowId)
                break;
        }
    }
}

} // namespace Uploads
