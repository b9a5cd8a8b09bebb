// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "knownidentifiersdialog.h"

#include "detect/categories.h"
#include "detect/identifierjson.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    LabelColumn,
    CategoryColumn,
    ValueColumn
};

/// Category cells edit with a list of the TAXONOMY.md categories; the cell keeps the id in Qt::UserRole.
class CategoryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* combo = new QComboBox(parent);
        for (const auto& c : Categories::all())
            combo->addItem(QString::fromUtf8(c.displayName), QString::fromLatin1(c.id));
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        combo->setCurrentIndex(combo->findData(index.data(Qt::UserRole)));
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        model->setData(index, combo->currentData(), Qt::UserRole);
        model->setData(index, combo->currentText(), Qt::DisplayRole);
    }
};

} // namespace

KnownIdentifiersDialog::KnownIdentifiersDialog(const std::vector<Data::KnownIdentifier>& identifiers, QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 3, this))
    , m_problems(new QLabel(this))
{
    setWindowTitle(tr("Known Identifiers"));
    auto* intro =
        new QLabel(tr("Your own values and planted canaries (email, phone, advertising ID, device name, Wi-Fi name, "
                      "home position as \"lat,lon\", a caption or clipboard text …). Leakscope finds them in "
                      "requests in any encoding or hash; a position matches within 1 km."),
            this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_table->setHorizontalHeaderLabels({ tr("Label"), tr("Category"), tr("Value") });
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->setItemDelegateForColumn(CategoryColumn, new CategoryDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAccessibleName(tr("Known identifiers"));
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b71c1c"));
    m_problems->hide();

    auto* add = new QPushButton(tr("&Add"), this);
    auto* remove = new QPushButton(tr("&Delete"), this);
    auto* import = new QPushButton(tr("&Import JSON…"), this);
    auto* exportButton = new QPushButton(tr("E&xport JSON…"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addIdentifier({ 0, tr("new identifier"), QStringLiteral("identity.email"), QString() });
        m_table->editItem(m_table->item(m_table->rowCount() - 1, ValueColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            removeRow(row);
    });
    connect(import, &QPushButton::clicked, this, &KnownIdentifiersDialog::importFile);
    connect(exportButton, &QPushButton::clicked, this, &KnownIdentifiersDialog::exportFile);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply and Recompute"));
    connect(buttons, &QDialogButtonBox::accepted, this, &KnownIdentifiersDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &KnownIdentifiersDialog::reject);

    auto* side = new QVBoxLayout;
    for (QPushButton* b : { add, remove, import, exportButton })
        side->addWidget(b);
    side->addStretch();
    auto* middle = new QHBoxLayout;
    middle->addWidget(m_table, 1);
    middle->addLayout(side);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(760, 420);
    for (const auto& k : identifiers)
        addIdentifier(k);
}

void KnownIdentifiersDialog::addIdentifier(const Data::KnownIdentifier& k)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* label = new QTableWidgetItem(k.label);
    label->setData(Qt::UserRole, k.id);
    auto* category = new QTableWidgetItem(Categories::displayName(k.category));
    category->setData(Qt::UserRole, k.category);
    m_table->setItem(row, LabelColumn, label);
    m_table->setItem(row, CategoryColumn, category);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(k.value));
}

void KnownIdentifiersDialog::removeRow(int row)
{
    m_table->removeRow(row);
}

std::vector<Data::KnownIdentifier> KnownIdentifiersDialog::identifiers() const
{
    std::vector<Data::KnownIdentifier> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        Data::KnownIdentifier k;
        k.id = m_table->item(r, LabelColumn)->data(Qt::UserRole).toLongLong();
        k.label = m_table->item(r, LabelColumn)->text().trimmed();
        k.category = m_table->item(r, CategoryColumn)->data(Qt::UserRole).toString();
        k.value = m_table->item(r, ValueColumn)->text().trimmed();
        if (k.label.isEmpty() && k.value.isEmpty())
            continue;
        out.push_back(std::move(k));
    }
    return out;
}

QStringList KnownIdentifiersDialog::problems() const
{
    QStringList out;
    int row = 0;
    for (const auto& k : identifiers()) {
        ++row;
        if (const QString p = IdentifierJson::validate(k); !p.isEmpty())
            out.append(tr("Row %1 (\"%2\"): %3").arg(row).arg(k.label.left(40), p));
    }
    return out;
}

void KnownIdentifiersDialog::accept()
{
    const QStringList p = problems();
    if (!p.isEmpty()) {
        m_problems->setText(p.join(u'\n'));
        m_problems->show();
        return;
    }
    QDialog::accept();
}

bool KnownIdentifiersDialog::importJson(const QByteArray& json, QString* error)
{
    const auto parsed = IdentifierJson::parse(json, error);
    if (!parsed)
        return false;
    const auto existing = identifiers();
    for (const auto& k : *parsed) {
        const bool duplicate = std::any_of(existing.begin(), existing.end(),
            [&](const auto& e) { return e.category == k.category && e.value == k.value; });
        if (!duplicate)
            addIdentifier(k);
    }
    return true;
}

QByteArray KnownIdentifiersDialog::exportJson() const
{
    return IdentifierJson::write(identifiers());
}

void KnownIdentifiersDialog::importFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import Known Identifiers"), QString(), tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (importJson(file.read(4 * 1024 * 1024), &error))
        return;
    m_problems->setText(tr("%1: %2").arg(QFileInfo(path).fileName(), error));
    m_problems->show();
}

void KnownIdentifiersDialog::exportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Known Identifiers"), QStringLiteral("known-identifiers.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exportJson()) < 0 || !file.commit()) {
        m_problems->setText(tr("%1: cannot write (%2)").arg(QFileInfo(path).fileName(), file.errorString()));
        m_problems->show();
    }
}
