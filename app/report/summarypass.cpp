// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "summarypass.h"

#include "store/analysisstate.h"
#include "store/database.h"
#include "store/investigation.h"

#include <QDataStream>
#include <QIODevice>

namespace {

constexpr quint32 kMatrixMagic = 0x4c534d58; // "LSMX"
constexpr quint16 kMatrixLayout = 1;

void store(Database& db, const char* name, const QByteArray& bytes)
{
    Statement& st = db.prepare("INSERT INTO stored_summaries (name, bytes) VALUES (?1, ?2)");
    st.bindText(1, QByteArray(name)).bindBlob(2, bytes);
    st.run();
}

/// The stored bytes of `name` when they describe the captures (the pass is current), else nothing.
std::optional<QByteArray> stored(Database& db, const char* name)
{
    const SummaryPass pass;
    if (!AnalysisState::isCurrent(db, pass.id(), pass.schemaVersion()))
        return std::nullopt;
    Statement& st = db.prepare("SELECT bytes FROM stored_summaries WHERE name = ?1");
    st.bindText(1, QByteArray(name));
    std::optional<QByteArray> out;
    if (st.step())
        out = st.blob(0);
    st.reset();
    return out;
}

/// The stored `name` when `filter` is the one stored (none) and the copy is current and readable, else computed.
template <typename T, typename Decode, typename Compute>
T storedOr(Database& db, const Data::Filter& filter, const char* name, Decode decode, Compute compute)
{
    if (filter.isEmpty()) {
        const std::optional<QByteArray> bytes = stored(db, name);
        std::optional<T> value = bytes ? decode(*bytes) : std::nullopt;
        if (value)
            return std::move(*value);
    }
    return compute();
}

} // namespace

QStringList SummaryPass::tables() const
{
    return { QStringLiteral("stored_summaries") };
}

void SummaryPass::createTables(Database& db)
{
    db.exec("CREATE TABLE stored_summaries (name TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID");
}

bool SummaryPass::run(Investigation& investigation, const ProgressCallback& progress)
{
    Database& db = investigation.db();
    if (progress && !progress(0, 2))
        return false;
    store(db, "overview", Headlines::encode(Headlines::compute(db, Data::Filter {})));
    if (progress && !progress(1, 2))
        return false;
    store(db, "matrix", encodeMatrix(FindingStore::matrix(db, Data::Filter {})));
    return !progress || progress(2, 2);
}

Headlines::Summary SummaryPass::overview(Database& db, const Data::Filter& filter, const FlowFacets* facets)
{
    return storedOr<Headlines::Summary>(
        db, filter, "overview", &Headlines::decode, [&] { return Headlines::compute(db, filter, facets); });
}

std::vector<Data::MatrixCell> SummaryPass::matrix(Database& db, const Data::Filter& filter)
{
    return storedOr<std::vector<Data::MatrixCell>>(
        db, filter, "matrix", &SummaryPass::decodeMatrix, [&] { return FindingStore::matrix(db, filter); });
}

QByteArray SummaryPass::encodeMatrix(const std::vector<Data::MatrixCell>& cells)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << kMatrixMagic << kMatrixLayout << static_cast<quint32>(cells.size());
    for (const Data::MatrixCell& c : cells)
        out << c.category << c.party << c.findings << qint32(c.maxConfidence);
    return bytes;
}

std::optional<std::vector<Data::MatrixCell>> SummaryPass::decodeMatrix(const QByteArray& bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0, n = 0;
    quint16 layout = 0;
    in >> magic >> layout >> n;
    // Each cell takes at least 20 bytes: a count beyond that is a damaged or crafted file.
    if (magic != kMatrixMagic || layout != kMatrixLayout || n > bytes.size() / 20)
        return std::nullopt;
    std::vector<Data::MatrixCell> cells(n);
    for (Data::MatrixCell& c : cells) {
        qint32 confidence = 0;
        in >> c.category >> c.party >> c.findings >> confidence;
        c.maxConfidence = confidence;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return cells;
}
