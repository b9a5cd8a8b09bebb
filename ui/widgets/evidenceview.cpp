// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceview.h"

#include "detect/categories.h"
#include "models/displayformat.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTreeWidget>
#include <QVBoxLayout>

EvidenceView::EvidenceView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_steps(new QTreeWidget(this))
{
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Finding summary"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("Decoded request"));
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({ tr("Decoding step"), tr("What it gave") });
    m_steps->setRootIsDecorated(true);
    m_steps->setAccessibleName(tr("Decoding steps"));
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_text);
    split->addWidget(m_steps);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    clear();
}

void EvidenceView::clear()
{
    m_summary->setText(tr("Select a finding to see the request it was found in."));
    m_text->clear();
    m_steps->clear();
    m_highlightStart = -1;
    m_highlightLength = 0;
}

void EvidenceView::showExplanation(const Data::FindingRow& f, const Evidence::Explanation& e)
{
    m_steps->clear();
    if (!e.error.isEmpty()) {
        m_summary->setText(e.error);
        m_text->clear();
        return;
    }
    QString summary =
        tr("%1 (%2 confidence) to %3 in %4: %5")
            .arg(Categories::displayName(f.category), Confidence::name(f.confidence), DisplayFormat::inert(f.host, 120),
                DisplayFormat::inert(f.location, 80), DisplayFormat::inert(f.reason, 400));
    if (!f.knownIdentifier.isEmpty())
        summary += tr("\nKnown identifier \"%1\": %2").arg(DisplayFormat::inert(f.knownIdentifier, 80), f.variant);
    m_summary->setText(summary);
    // The whole text is set as plain text; the match gets a character format, so nothing from the capture is
    // ever interpreted as markup.
    m_text->setPlainText(e.text);
    m_highlightStart = e.highlightStart;
    m_highlightLength = e.highlightLength;
    if (e.highlightStart >= 0 && e.highlightLength > 0 && e.highlightStart + e.highlightLength <= e.text.size()) {
        QTextCursor cursor(m_text->document());
        cursor.setPosition(static_cast<int>(e.highlightStart));
        cursor.setPosition(static_cast<int>(e.highlightStart + e.highlightLength), QTextCursor::KeepAnchor);
        QTextCharFormat format;
        format.setBackground(QColor(0xFF, 0xE0, 0x82));
        format.setForeground(QColor(0x3E, 0x27, 0x23));
        format.setFontWeight(QFont::Bold);
        cursor.mergeCharFormat(format);
        QTextCursor at(m_text->document());
        at.setPosition(static_cast<int>(e.highlightStart));
        m_text->setTextCursor(at);
        m_text->centerCursor();
    }
    for (const Evidence::Step& s : e.steps) {
        auto* item = new QTreeWidgetItem(m_steps, { s.name, s.detail });
        item->setToolTip(1, DisplayFormat::toolTip(s.detail));
        if (!s.preview.isEmpty()) {
            auto* preview = new QTreeWidgetItem(item, { QString(), s.preview.left(300) });
            preview->setToolTip(1, DisplayFormat::toolTip(s.preview.left(2000)));
        }
    }
    for (const QString& n : e.notes)
        new QTreeWidgetItem(m_steps, { tr("note"), DisplayFormat::inert(n, 300) });
    m_steps->expandAll();
}

QString EvidenceView::text() const
{
    return m_text->toPlainText();
}

QString EvidenceView::highlightedText() const
{
    if (m_highlightStart < 0 || m_highlightLength <= 0)
        return {};
    return m_text->toPlainText().mid(m_highlightStart, m_highlightLength);
}

QStringList EvidenceView::steps() const
{
    QStringList out;
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i)
        out.append(m_steps->topLevelItem(i)->text(0) + QStringLiteral(": ") + m_steps->topLevelItem(i)->text(1));
    return out;
}
