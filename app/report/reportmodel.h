// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/filter.h"

#include <QJsonObject>
#include <QStringList>

#include <variant>
#include <vector>

/// The PDF summary as pure data (issue 9): a list of blocks that the renderer in ui/pdf lays out. Building
/// the model needs no GUI, so tests check its content (sections, redaction, hashes) directly.
namespace Report {

struct Heading
{
    int level = 1; ///< 1 = section (starts a new page when it is a chapter), 2 = subsection, 3 = minor
    QString text;
    bool newPage = false;
};

struct Paragraph
{
    enum Style
    {
        Normal,
        Lead,
        Small,
        Warning,
        Monospace
    };
    QString text;
    Style style = Normal;
};

struct BulletList
{
    QStringList items;
};

/// A table; the renderer never splits a row across pages and repeats the header after a break.
struct Table
{
    QString caption;
    QStringList headers;
    std::vector<QStringList> rows;
    std::vector<double> columnWeights; ///< relative widths; empty = equal
    QString emptyText; ///< shown instead of the table when it has no rows
};

/// Label/value pairs (title page, chain of custody).
struct Facts
{
    std::vector<std::pair<QString, QString>> items;
};

/// A drawing (world map, uploads timeline, categories chart). `kind` selects the painter the UI registered;
/// `data` carries what it draws. Every figure has a caption.
struct Figure
{
    QString kind;
    QJsonObject data;
    QString caption;
    double heightRatio = 0.5; ///< height as a fraction of the text width
};

struct PageBreak
{
};

/// Evidence quoted from a capture (already masked and redacted): a title, the excerpt in a fixed-width font,
/// and what a reader needs to check it (where it was, how it was decoded, how sure, who received it). The
/// renderer keeps it in one box on one page.
struct Excerpt
{
    QString title;
    QString text;
    std::vector<std::pair<QString, QString>> facts;
};

using Block = std::variant<Heading, Paragraph, BulletList, Table, Facts, Figure, PageBreak, Excerpt>;

struct Options
{
    Data::Filter filter;
    QString appName; ///< limit to one app; empty = all
    bool redact = true; ///< mask the investigator's identifiers, cookies, tokens and session ids
    QString pageSize = QStringLiteral("A4");
};

struct Model
{
    QString title;
    QString subtitle;
    std::vector<Block> blocks;
    /// SHA-256 (hex) of canonicalText(): printed on the last page, so a reader can check the content.
    QString contentSha256;
    bool redacted = true;

    /// Every block's text in a stable form, the input of contentSha256.
    QString canonicalText() const;
    /// All the text of the report (for tests: redaction, key sentences).
    QString plainText() const;
};

} // namespace Report
