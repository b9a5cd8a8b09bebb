// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "pdfrenderer.h"

#include "common/hashing.h"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QTextLayout>

#include <array>
#include <cmath>

namespace PdfRenderer {

namespace {

QHash<QString, FigurePainter>& painters()
{
    static QHash<QString, FigurePainter> p;
    return p;
}

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

const QColor kAccent(31, 78, 121);
const QColor kMuted(95, 99, 104);
const QColor kRule(200, 204, 208);
const QColor kHeaderFill(232, 238, 244);
const QColor kWarning(160, 30, 30);

/// Everything is laid out in points (1/72 inch) and scaled to the writer's resolution when painting.
struct Fonts
{
    QString family;
    QFont make(double points, bool bold = false, bool italic = false, bool mono = false) const
    {
        QFont f(mono ? QFontDatabase::systemFont(QFontDatabase::FixedFont).family() : family);
        f.setPointSizeF(points);
        f.setBold(bold);
        f.setItalic(italic);
        // No ligatures: "ﬁ" would make "findings" unsearchable in the PDF's text (pdftotext, viewers' search).
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }
};

/// Text wrapped into a width; measured once, drawn later.
struct TextBox
{
    QString text;
    QFont font;
    QColor color = Qt::black;
    double width = 0;
    double height = 0;
    Qt::Alignment alignment = Qt::AlignLeft;

    void layout(QPaintDevice* device)
    {
        QTextLayout l(text, font, device);
        QTextOption option(alignment);
        // Long host names and hashes have no spaces: break them anywhere rather than overflow.
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        l.setTextOption(option);
        l.beginLayout();
        double y = 0;
        while (true) {
            QTextLine line = l.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width * scale);
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        l.endLayout();
        height = y / scale;
    }
    void draw(QPainter& p, double x, double y, QPaintDevice* device) const
    {
        QTextLayout l(text, font, device);
        QTextOption option(alignment);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        l.setTextOption(option);
        l.beginLayout();
        double ly = 0;
        while (true) {
            QTextLine line = l.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width * scale);
            line.setPosition(QPointF(0, ly));
            ly += line.height();
        }
        l.endLayout();
        p.setPen(color);
        l.draw(&p, QPointF(x * scale, y * scale));
    }
    static inline double scale = 1; ///< device units per point
};

/// One thing to paint on a page, at a position in points.
using DrawOp = std::function<void(QPainter&, QPaintDevice*)>;

class Layout
{
public:
    Layout(QPaintDevice* device, QRectF frame, Fonts fonts, QString title)
        : m_device(device)
        , m_frame(frame)
        , m_fonts(std::move(fonts))
        , m_title(std::move(title))
    {
        newPage();
    }

    std::vector<std::vector<DrawOp>>& pages()
    {
        return m_pages;
    }
    double width() const
    {
        return m_frame.width();
    }
    double remaining() const
    {
        return m_frame.bottom() - m_y;
    }
    double pageHeight() const
    {
        return m_frame.height();
    }
    bool atTop() const
    {
        return m_y <= m_frame.top() + 0.5;
    }
    void newPage()
    {
        m_pages.emplace_back();
        m_y = m_frame.top();
    }
    void space(double points)
    {
        if (!atTop())
            m_y += points;
    }
    /// Makes room for `height` points, starting a new page if needed. Returns the y to draw at.
    double reserve(double height)
    {
        if (height > remaining() && !atTop())
            newPage();
        const double y = m_y;
        m_y += height;
        return y;
    }
    void add(DrawOp op)
    {
        m_pages.back().push_back(std::move(op));
    }

    TextBox text(
        const QString& s, const QFont& font, double width, QColor color = Qt::black, Qt::Alignment a = Qt::AlignLeft)
    {
        TextBox b { s, font, color, width, 0, a };
        b.layout(m_device);
        return b;
    }
    void paragraph(const QString& s, const QFont& font, QColor color = Qt::black, double indent = 0)
    {
        // Long paragraphs may span pages: split them into chunks of lines that fit.
        TextBox box = text(s, font, width() - indent, color);
        if (box.height <= remaining() || atTop() || box.height < 60) {
            const double y = reserve(box.height);
            const double x = m_frame.left() + indent;
            add([box, x, y](QPainter& p, QPaintDevice* d) { box.draw(p, x, y, d); });
            return;
        }
        const int cut = std::max(1, static_cast<int>(s.size() * remaining() / box.height) - 1);
        const qsizetype space = s.lastIndexOf(QLatin1Char(' '), cut);
        const qsizetype at = space > 0 ? space : cut;
        paragraph(s.left(at), font, color, indent);
        newPage();
        paragraph(s.mid(at).trimmed(), font, color, indent);
    }

    QPaintDevice* device() const
    {
        return m_device;
    }
    const Fonts& fonts() const
    {
        return m_fonts;
    }
    double left() const
    {
        return m_frame.left();
    }

private:
    QPaintDevice* m_device;
    QRectF m_frame;
    Fonts m_fonts;
    QString m_title;
    std::vector<std::vector<DrawOp>> m_pages;
    double m_y = 0;
};

/// Column widths from the weights, but never narrower than the longest word of the header or the longest
/// short token of the body (numbers, dates, host names up to 26 characters): those would otherwise break in
/// the middle ("Reques|ts"). The width the minimums take comes from the other columns, by weight.
std::vector<double> columnWidths(
    const Layout& l, const Report::Table& t, const QFont& headFont, const QFont& bodyFont, double pad)
{
    const int columns = static_cast<int>(t.headers.size());
    std::vector<double> weights = t.columnWeights;
    weights.resize(static_cast<size_t>(columns), 1.0);
    const double full = l.width();
    const QFontMetricsF head(headFont, l.device());
    const QFontMetricsF body(bodyFont, l.device());
    std::vector<double> minimum(static_cast<size_t>(columns), 0);
    auto widest = [](const QFontMetricsF& fm, const QString& text) {
        double w = 0;
        for (const QString& token : text.split(u' ', Qt::SkipEmptyParts))
            w = std::max(w, fm.horizontalAdvance(token));
        return w / TextBox::scale;
    };
    // Per column, the widest body token of each length up to 26 characters, measured once.
    constexpr int longestKept = 26;
    std::vector<std::array<double, longestKept + 1>> byLength(static_cast<size_t>(columns));
    for (auto& a : byLength)
        a.fill(0);
    for (const QStringList& row : t.rows) {
        for (int c = 0; c < columns && c < row.size(); ++c) {
            for (const QString& token :
                row.at(c).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
                if (token.size() <= longestKept) {
                    double& w = byLength[static_cast<size_t>(c)][static_cast<size_t>(token.size())];
                    w = std::max(w, body.horizontalAdvance(token) / TextBox::scale);
                }
            }
        }
    }
    // Tokens of up to `cap` characters are kept whole; when they cannot all fit, shorter ones only.
    double sumMin = 0;
    for (const int cap : { longestKept, 16, 10, 0 }) {
        sumMin = 0;
        for (int c = 0; c < columns; ++c) {
            double m = widest(head, t.headers.at(c));
            for (int n = 1; n <= cap; ++n)
                m = std::max(m, byLength[static_cast<size_t>(c)][static_cast<size_t>(n)]);
            minimum[static_cast<size_t>(c)] = std::min(m + 2 * pad + 1, full * 0.4);
            sumMin += minimum[static_cast<size_t>(c)];
        }
        if (sumMin < full * 0.95)
            break;
    }
    std::vector<double> widths(static_cast<size_t>(columns), 0);
    if (sumMin >= full) {
        for (int c = 0; c < columns; ++c)
            widths[static_cast<size_t>(c)] = minimum[static_cast<size_t>(c)] * full / sumMin;
        return widths;
    }
    std::vector<bool> fixed(static_cast<size_t>(columns), false);
    for (int round = 0; round <= columns; ++round) {
        double freeWidth = full, freeWeight = 0;
        for (int c = 0; c < columns; ++c) {
            if (fixed[static_cast<size_t>(c)])
                freeWidth -= minimum[static_cast<size_t>(c)];
            else
                freeWeight += weights[static_cast<size_t>(c)];
        }
        bool changed = false;
        for (int c = 0; c < columns; ++c) {
            const size_t i = static_cast<size_t>(c);
            widths[i] = fixed[i] ? minimum[i] : freeWidth * weights[i] / std::max(freeWeight, 1e-9);
            if (!fixed[i] && widths[i] < minimum[i]) {
                fixed[i] = true;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return widths;
}

void layoutTable(Layout& l, const Report::Table& t, int& tableNumber)
{
    const Fonts& fonts = l.fonts();
    const QString caption =
        t.caption.isEmpty() ? QString() : QStringLiteral("Table %1. %2").arg(++tableNumber).arg(t.caption);
    if (t.rows.empty()) {
        if (!caption.isEmpty()) {
            l.space(6);
            if (l.remaining() < 40)
                l.newPage();
            l.paragraph(caption, fonts.make(9, true), kMuted);
            l.space(2);
        }
        l.paragraph(
            t.emptyText.isEmpty() ? QStringLiteral("(none)") : t.emptyText, fonts.make(9.5, false, true), kMuted);
        l.space(6);
        return;
    }
    const int columns = static_cast<int>(t.headers.size());
    const double pad = 3;
    const QFont bodyFont = fonts.make(8.5);
    const QFont headFont = fonts.make(8.5, true);
    const std::vector<double> widths = columnWidths(l, t, headFont, bodyFont, pad);

    auto measureRow = [&](const QStringList& cells, const QFont& font) {
        std::vector<TextBox> boxes;
        double height = 0;
        for (int c = 0; c < columns; ++c) {
            boxes.push_back(
                l.text(c < cells.size() ? cells[c] : QString(), font, widths[static_cast<size_t>(c)] - 2 * pad));
            height = std::max(height, boxes.back().height);
        }
        return std::pair { boxes, height + 2 * pad };
    };
    auto placeRow = [&](const std::vector<TextBox>& boxes, double height, bool header, double y) {
        const double x0 = l.left();
        std::vector<double> ws = widths;
        l.add([boxes, ws, height, header, x0, y, pad](QPainter& p, QPaintDevice* d) {
            const double s = TextBox::scale;
            double x = x0;
            double full = 0;
            for (double w : ws)
                full += w;
            if (header)
                p.fillRect(QRectF(x0 * s, y * s, full * s, height * s), kHeaderFill);
            for (size_t c = 0; c < boxes.size(); ++c) {
                boxes[c].draw(p, x + pad, y + pad, d);
                x += ws[c];
            }
            p.setPen(QPen(kRule, 0.5 * s));
            p.drawLine(QPointF(x0 * s, (y + height) * s), QPointF((x0 + full) * s, (y + height) * s));
        });
    };
    const auto [headBoxes, headHeight] = measureRow(t.headers, headFont);
    auto header = [&] { placeRow(headBoxes, headHeight, true, l.reserve(headHeight)); };
    // The caption, the header and the first row stay together.
    l.space(6);
    const TextBox captionBox = l.text(caption, fonts.make(9, true), l.width(), kMuted);
    const double firstRow = std::min(measureRow(t.rows.front(), bodyFont).second, l.pageHeight() / 3);
    if ((caption.isEmpty() ? 0 : captionBox.height + 2) + headHeight + firstRow > l.remaining())
        l.newPage();
    if (!caption.isEmpty()) {
        l.paragraph(caption, fonts.make(9, true), kMuted);
        l.space(2);
    }
    header();
    // A row never splits across pages; a row taller than a whole page (a huge cell) is cut short instead,
    // with a mark saying so, so that nothing is drawn beyond the page.
    const double fullPage = l.pageHeight() - headHeight - 4;
    for (const QStringList& source : t.rows) {
        QStringList row = source;
        auto measured = measureRow(row, bodyFont);
        while (measured.second > fullPage) {
            int longest = 0;
            for (int c = 1; c < row.size(); ++c) {
                if (row[c].size() > row[longest].size())
                    longest = c;
            }
            if (row[longest].size() < 80)
                break; // nothing long left to cut: let it overflow rather than loop
            row[longest] = row[longest].left(static_cast<int>(row[longest].size() * fullPage / measured.second * 0.9))
                + QStringLiteral(" … (cut short)");
            measured = measureRow(row, bodyFont);
        }
        const auto& [boxes, height] = measured;
        if (height > l.remaining()) {
            l.newPage();
            header(); // repeated after every break
        }
        placeRow(boxes, height, false, l.reserve(height));
    }
    l.space(8);
}

/// Evidence in a tinted box with a rule on the left: title, the excerpt in a fixed-width font, then the
/// facts that let a reader find it again. Never split: the whole box moves to the next page when needed.
void layoutExcerpt(Layout& l, const Report::Excerpt& e)
{
    const Fonts& fonts = l.fonts();
    const double pad = 6;
    const double inner = l.width() - 2 * pad - 3;
    const double labelWidth = 92;
    TextBox title = l.text(e.title, fonts.make(10, true), inner, kAccent);
    QString excerpt = e.text;
    TextBox text = l.text(excerpt, fonts.make(8.5, false, false, true), inner);
    std::vector<std::pair<TextBox, TextBox>> facts;
    double factsHeight = 0;
    for (const auto& [k, v] : e.facts) {
        TextBox key = l.text(k, fonts.make(8, true), labelWidth - 4, kMuted);
        TextBox value = l.text(v, fonts.make(8), inner - labelWidth);
        factsHeight += std::max(key.height, value.height) + 1;
        facts.emplace_back(std::move(key), std::move(value));
    }
    auto total = [&] { return pad + title.height + 3 + text.height + 4 + factsHeight + pad; };
    // An excerpt taller than a page is cut short (the report keeps excerpts short; this is a safety net).
    while (total() > l.pageHeight() && excerpt.size() > 40) {
        excerpt = excerpt.left(excerpt.size() / 2) + QStringLiteral(" … (cut short)");
        text = l.text(excerpt, fonts.make(8.5, false, false, true), inner);
    }
    l.space(4);
    const double height = total();
    const double y = l.reserve(height);
    const double x = l.left();
    const double width = l.width();
    l.add([=](QPainter& p, QPaintDevice* d) {
        const double s = TextBox::scale;
        p.fillRect(QRectF(x * s, y * s, width * s, height * s), QColor(246, 247, 249));
        p.fillRect(QRectF(x * s, y * s, 3 * s, height * s), kAccent);
        double cy = y + pad;
        title.draw(p, x + 3 + pad, cy, d);
        cy += title.height + 3;
        text.draw(p, x + 3 + pad, cy, d);
        cy += text.height + 4;
        for (const auto& [key, value] : facts) {
            key.draw(p, x + 3 + pad, cy, d);
            value.draw(p, x + 3 + pad + labelWidth, cy, d);
            cy += std::max(key.height, value.height) + 1;
        }
    });
    l.space(6);
}

} // namespace

void registerFigurePainter(const QString& kind, FigurePainter painter)
{
    painters().insert(kind, std::move(painter));
}

Result render(
    const Report::Model& model, const QString& path, const QString& pageSize, const ProgressCallback& progress)
{
    Result result;
    const QString temporary = path + QStringLiteral(".partial");
    {
        QPdfWriter writer(temporary);
        writer.setPageSize(pageSize.compare(u"Letter", Qt::CaseInsensitive) == 0 ? QPageSize(QPageSize::Letter)
                                                                                 : QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(300);
        writer.setTitle(model.title);
        writer.setCreator(QStringLiteral("Leakscope %1").arg(QStringLiteral(LEAKSCOPE_VERSION)));
        TextBox::scale = writer.resolution() / 72.0;
        const QSizeF pagePoints = writer.pageLayout().fullRectPoints().size();
        const double margin = 52; // ≈ 18 mm
        const QRectF frame(margin, margin + 14, pagePoints.width() - 2 * margin, pagePoints.height() - 2 * margin - 28);

        Fonts fonts { QStringLiteral("DejaVu Sans") };
        if (!QFontDatabase::families().contains(fonts.family))
            fonts.family = QFontDatabase::systemFont(QFontDatabase::GeneralFont).family();
        Layout l(&writer, frame, fonts, model.title);
        int tableNumber = 0;
        int figureNumber = 0;

        // Title block.
        l.space(80);
        l.paragraph(model.title, fonts.make(24, true), kAccent);
        l.space(6);
        l.paragraph(model.subtitle, fonts.make(13, false, true), kMuted);
        l.space(24);

        for (const Report::Block& block : model.blocks) {
            std::visit(Overloaded {
                           [&](const Report::Heading& h) {
                               if (h.newPage && !l.atTop())
                                   l.newPage();
                               const double sizes[] = { 17, 13, 11 };
                               const double size = sizes[std::clamp(h.level, 1, 3) - 1];
                               l.space(h.level == 1 ? 4 : 10);
                               // Never leave a heading alone at the bottom of a page.
                               if (l.remaining() < size * 5)
                                   l.newPage();
                               l.paragraph(h.text, fonts.make(size, true), kAccent);
                               l.space(4);
                           },
                           [&](const Report::Paragraph& p) {
                               switch (p.style) {
                               case Report::Paragraph::Lead:
                                   l.paragraph(p.text, fonts.make(11, false, true), kMuted);
                                   break;
                               case Report::Paragraph::Small:
                                   l.paragraph(p.text, fonts.make(8.5), kMuted);
                                   break;
                               case Report::Paragraph::Warning:
                                   l.paragraph(p.text, fonts.make(10.5, true), kWarning);
                                   break;
                               case Report::Paragraph::Monospace:
                                   l.paragraph(p.text, fonts.make(8.5, false, false, true));
                                   break;
                               default:
                                   l.paragraph(p.text, fonts.make(10));
                               }
                               l.space(6);
                           },
                           [&](const Report::BulletList& list) {
                               for (const QString& item : list.items) {
                                   const TextBox bullet = l.text(QStringLiteral("•"), fonts.make(10), 10);
                                   const TextBox body = l.text(item, fonts.make(10), l.width() - 14);
                                   const double y = l.reserve(body.height);
                                   const double x = l.left();
                                   l.add([bullet, body, x, y](QPainter& p, QPaintDevice* d) {
                                       bullet.draw(p, x, y, d);
                                       body.draw(p, x + 14, y, d);
                                   });
                                   l.space(3);
                               }
                               l.space(4);
                           },
                           [&](const Report::Table& t) { layoutTable(l, t, tableNumber); },
                           [&](const Report::Facts& f) {
                               Report::Table t;
                               t.headers = { QStringLiteral("Item"), QStringLiteral("Value") };
                               for (const auto& [k, v] : f.items)
                                   t.rows.push_back({ k, v });
                               t.columnWeights = { 1.2, 3.8 };
                               int none = 0;
                               layoutTable(l, t, none);
                           },
                           [&](const Report::Figure& f) {
                               ++figureNumber;
                               const double height = l.width() * f.heightRatio;
                               const TextBox caption =
                                   l.text(QStringLiteral("Figure %1. %2").arg(figureNumber).arg(f.caption),
                                       fonts.make(9, true), l.width(), kMuted);
                               l.space(6);
                               if (height + caption.height + 6 > l.remaining())
                                   l.newPage();
                               const double y = l.reserve(height);
                               const QRectF rect(l.left(), y, l.width(), height);
                               const FigurePainter painter = painters().value(f.kind);
                               const QJsonObject data = f.data;
                               l.add([painter, rect, data](QPainter& p, QPaintDevice*) {
                                   const double s = TextBox::scale;
                                   const QRectF device(rect.x() * s, rect.y() * s, rect.width() * s, rect.height() * s);
                                   p.save();
                                   if (painter) {
                                       p.setClipRect(device);
                                       painter(p, device, data);
                                   } else {
                                       p.setPen(QPen(kRule, s));
                                       p.drawRect(device);
                                   }
                                   p.restore();
                               });
                               l.space(4);
                               const double cy = l.reserve(caption.height);
                               const double cx = l.left();
                               l.add([caption, cx, cy](QPainter& p, QPaintDevice* d) { caption.draw(p, cx, cy, d); });
                               l.space(10);
                           },
                           [&](const Report::PageBreak&) { l.newPage(); },
                           [&](const Report::Excerpt& e) { layoutExcerpt(l, e); },
                       },
                block);
        }
        // The content hash closes the report; it covers everything above (Report::Model::canonicalText()).
        l.space(18);
        l.paragraph(QStringLiteral("Report content SHA-256: %1").arg(model.contentSha256),
            fonts.make(8.5, false, false, true), kMuted);
        l.paragraph(QStringLiteral("The SHA-256 of this PDF file is in the file of the same name ending in .sha256."),
            fonts.make(8.5), kMuted);

        auto& pages = l.pages();
        QPainter painter;
        if (!painter.begin(&writer)) {
            result.error = QStringLiteral("cannot write %1").arg(QFileInfo(path).fileName());
            return result;
        }
        painter.setRenderHint(QPainter::Antialiasing);
        const QFont small = fonts.make(7.5);
        const double s = TextBox::scale;
        for (size_t i = 0; i < pages.size(); ++i) {
            if (i > 0)
                writer.newPage();
            for (const DrawOp& op : pages[i])
                op(painter, &writer);
            // Running header and footer.
            painter.setFont(small);
            painter.setPen(kMuted);
            const QRectF header(margin * s, (margin - 20) * s, frame.width() * s, 12 * s);
            painter.drawText(header, Qt::AlignRight | Qt::AlignVCenter,
                QStringLiteral("%1 — Leakscope report%2")
                    .arg(model.title, model.redacted ? QString() : QStringLiteral(" — NOT REDACTED")));
            const QRectF footer(margin * s, (pagePoints.height() - margin + 4) * s, frame.width() * s, 12 * s);
            painter.drawText(footer, Qt::AlignCenter, QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages.size()));
            if (progress && !progress(static_cast<qint64>(i + 1), static_cast<qint64>(pages.size()))) {
                painter.end();
                QFile::remove(temporary);
                result.error = QStringLiteral("cancelled");
                return result;
            }
        }
        painter.end();
        result.pages = static_cast<int>(pages.size());
    }
    QFile pdf(temporary);
    if (!pdf.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot write %1").arg(QFileInfo(path).fileName());
        return result;
    }
    Digest digest;
    while (!pdf.atEnd())
        digest.addData(pdf.read(1 << 20));
    pdf.close();
    result.fileSha256 = QString::fromLatin1(digest.result().toHex());
    QFile::remove(path);
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        result.error = QStringLiteral("cannot write %1").arg(QFileInfo(path).fileName());
        return result;
    }
    QSaveFile sidecar(path + QStringLiteral(".sha256"));
    if (!sidecar.open(QIODevice::WriteOnly)
        || sidecar.write(
               (result.fileSha256 + QStringLiteral("  ") + QFileInfo(path).fileName() + QLatin1Char('\n')).toUtf8())
            < 0
        || !sidecar.commit()) {
        result.error = QStringLiteral("cannot write %1.sha256").arg(QFileInfo(path).fileName());
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace PdfRenderer
