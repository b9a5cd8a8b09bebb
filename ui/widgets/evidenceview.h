// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detect/evidence.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

/// Shows why a finding counts: the decoded request as plain text with the value's place highlighted (a
/// character format on a plain-text document, never HTML from the capture), the decoding steps that led to
/// the value, and what the decoder had to say.
class EvidenceView : public QWidget
{
    Q_OBJECT
public:
    explicit EvidenceView(QWidget* parent = nullptr);
    void showExplanation(const Data::FindingRow& finding, const Evidence::Explanation& explanation);
    void clear();

    QString text() const;
    /// The highlighted text (empty when nothing is highlighted).
    QString highlightedText() const;
    QStringList steps() const;

private:
    QLabel* m_summary;
    QPlainTextEdit* m_text;
    QTreeWidget* m_steps;
    qsizetype m_highlightStart = -1;
    qsizetype m_highlightLength = 0;
};
