// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "messageview.h"

#include "bodyformatter.h"
#include "common/contentcoding.h"
#include "common/httputil.h"
#include "models/displayformat.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace {

enum Page
{
    TextPage,
    TreePage,
    HexPage,
    ImagePage
};
constexpr int kMaxTreeItems = 20000;
constexpr qint64 kMaxImageBytes = 32 * 1024 * 1024;

QPlainTextEdit* monospaceView(QWidget* parent, const QString& name)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setAccessibleName(name);
    return edit;
}

void addJson(QTreeWidgetItem* parent, const QString& key, const QJsonValue& value, int& budget)
{
    if (--budget < 0)
        return;
    auto* item = new QTreeWidgetItem(parent);
    item->setText(0, DisplayFormat::inert(key, 200));
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        item->setText(1, QObject::tr("{%n member(s)}", nullptr, static_cast<int>(o.size())));
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, it.key(), it.value(), budget);
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        item->setText(1, QObject::tr("[%n item(s)]", nullptr, static_cast<int>(a.size())));
        for (qsizetype i = 0; i < a.size(); ++i)
            addJson(item, QStringLiteral("[%1]").arg(i), a.at(i), budget);
        break;
    }
    case QJsonValue::String:
        item->setText(1, DisplayFormat::inert(value.toString(), 2000));
        break;
    case QJsonValue::Double:
        item->setText(1, QString::number(value.toDouble(), 'g', 17));
        break;
    case QJsonValue::Bool:
        item->setText(1, value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        break;
    default:
        item->setText(1, QStringLiteral("null"));
    }
}

} // namespace

MessageView::MessageView(const QString& name, QWidget* parent)
    : QWidget(parent)
    , m_headers(monospaceView(this, tr("%1 headers").arg(name)))
    , m_viewChoice(new QComboBox(this))
    , m_bodyInfo(new QLabel(this))
    , m_bodyStack(new QStackedWidget(this))
    , m_text(monospaceView(this, tr("%1 body").arg(name)))
    , m_tree(new QTreeWidget(this))
    , m_hex(monospaceView(this, tr("%1 body, hex").arg(name)))
    , m_image(new QLabel(this))
{
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({ tr("Key"), tr("Value") });
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAccessibleName(tr("%1 body, tree").arg(name));
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setTextFormat(Qt::PlainText);
    auto* imageScroll = new QScrollArea(this);
    imageScroll->setWidget(m_image);
    imageScroll->setWidgetResizable(true);
    m_bodyStack->addWidget(m_text);
    m_bodyStack->addWidget(m_tree);
    m_bodyStack->addWidget(m_hex);
    m_bodyStack->addWidget(imageScroll);
    m_viewChoice->setAccessibleName(tr("Show the %1 body as").arg(name));
    m_bodyInfo->setTextFormat(Qt::PlainText);

    auto* bodyBar = new QHBoxLayout;
    bodyBar->setContentsMargins(0, 0, 0, 0);
    bodyBar->addWidget(m_bodyInfo, 1);
    bodyBar->addWidget(new QLabel(tr("Show as:"), this));
    bodyBar->addWidget(m_viewChoice);
    auto* bodyPane = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(bodyPane);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(bodyBar);
    bodyLayout->addWidget(m_bodyStack, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_headers);
    splitter->addWidget(bodyPane);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_viewChoice, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            m_bodyStack->setCurrentIndex(m_viewChoice->itemData(index).toInt());
    });
}

void MessageView::clear()
{
    m_headers->clear();
    m_text->clear();
    m_tree->clear();
    m_hex->clear();
    m_image->clear();
    m_bodyInfo->clear();
    m_viewChoice->clear();
    m_startAndHeaders.clear();
}

void MessageView::setMessage(const QString& startLine, const Data::Headers& headers, const QByteArray& body,
    const QByteArray& contentEncoding, const QString& contentType, const QString& absentBodyNote)
{
    clear();
    QString head = DisplayFormat::inert(startLine, 4000) + QLatin1Char('\n');
    for (const auto& h : headers)
        head += DisplayFormat::inert(QString::fromUtf8(h.name), 200) + QStringLiteral(": ")
            + DisplayFormat::inert(QString::fromUtf8(h.value), 8000) + QLatin1Char('\n');
    m_headers->setPlainText(head);
    m_startAndHeaders = head;

    if (!absentBodyNote.isEmpty()) {
        m_bodyInfo->setText(absentBodyNote);
        m_viewChoice->addItem(tr("Text"), TextPage);
        return;
    }
    const BodyFormatter::Rendering rendering = BodyFormatter::render(body, contentType, contentEncoding);
    m_bodyInfo->setText(rendering.description);
    const QByteArray plain = [&] {
        if (contentEncoding.isEmpty())
            return body;
        const ContentCoding::Decoded decoded = ContentCoding::decode(body, contentEncoding, 16 * 1024 * 1024);
        return decoded.ok ? decoded.data : body;
    }();

    m_text->setPlainText(
        rendering.isBinary ? tr("(binary data: see the hex view)") : DisplayFormat::inertMultiline(rendering.text));
    m_viewChoice->addItem(tr("Text"), TextPage);

    // A tree for structured bodies: JSON, and form-encoded parameters.
    int budget = kMaxTreeItems;
    QJsonParseError jsonError;
    const QJsonDocument json = QJsonDocument::fromJson(plain, &jsonError);
    const QString mime = HttpUtil::essence(contentType);
    if (jsonError.error == QJsonParseError::NoError && (json.isObject() || json.isArray())) {
        addJson(m_tree->invisibleRootItem(), QStringLiteral("$"),
            json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()), budget);
    } else if (mime == u"application/x-www-form-urlencoded" && !plain.isEmpty()) {
        const QUrlQuery query(QString::fromUtf8(plain));
        for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
            auto* item = new QTreeWidgetItem(m_tree->invisibleRootItem());
            item->setText(0, DisplayFormat::inert(key, 200));
            item->setText(1, DisplayFormat::inert(value, 2000));
        }
    }
    if (m_tree->topLevelItemCount() > 0) {
        m_tree->expandToDepth(1);
        m_viewChoice->addItem(tr("Tree"), TreePage);
    }
    if (!plain.isEmpty()) {
        m_hex->setPlainText(BodyFormatter::hexDump(plain, 256 * 1024));
        m_viewChoice->addItem(tr("Hex"), HexPage);
    }
    if (plain.size() <= kMaxImageBytes) {
        QImage image;
        if (image.loadFromData(plain) && !image.isNull()) {
            m_image->setPixmap(QPixmap::fromImage(image));
            m_image->setToolTip(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
            m_viewChoice->addItem(tr("Image"), ImagePage);
        }
    }
    // Open on the most useful view: the image for images, the hex dump for other binary data.
    if (m_viewChoice->findData(ImagePage) >= 0)
        m_viewChoice->setCurrentIndex(m_viewChoice->findData(ImagePage));
    else if (rendering.isBinary && m_viewChoice->findData(HexPage) >= 0)
        m_viewChoice->setCurrentIndex(m_viewChoice->findData(HexPage));
}

QString MessageView::text() const
{
    return m_startAndHeaders + QLatin1Char('\n') + m_bodyInfo->text() + QLatin1Char('\n') + m_text->toPlainText();
}

QStringList MessageView::availableViews() const
{
    QStringList out;
    for (int i = 0; i < m_viewChoice->count(); ++i)
        out.append(m_viewChoice->itemText(i));
    return out;
}

void MessageView::setView(const QString& view)
{
    const int index = m_viewChoice->findText(view);
    if (index >= 0)
        m_viewChoice->setCurrentIndex(index);
}
