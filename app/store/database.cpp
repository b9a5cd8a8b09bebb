// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

namespace {

/// One wording per kind of SQLite failure the user can act on; anything else keeps SQLite's message.
StoreError storeError(int extendedCode, const QString& message)
{
    switch (extendedCode & 0xff) {
    case SQLITE_FULL:
        return StoreError(QStringLiteral("the disk is full"));
    case SQLITE_BUSY:
        return StoreError(
            QStringLiteral("the investigation is busy: another Leakscope window or command is writing to it"));
    case SQLITE_READONLY:
        return StoreError(QStringLiteral("the investigation file is read-only"));
    case SQLITE_CORRUPT:
        return StoreError(QStringLiteral("the investigation file is damaged (%1)").arg(message));
    case SQLITE_NOTADB:
        return StoreError(QStringLiteral("not an investigation file (it is not a SQLite database)"));
    default:
        return StoreError(message);
    }
}

quint32 be32(const char* p)
{
    return static_cast<quint32>(static_cast<uchar>(p[0])) << 24 | static_cast<quint32>(static_cast<uchar>(p[1])) << 16
        | static_cast<quint32>(static_cast<uchar>(p[2])) << 8 | static_cast<quint32>(static_cast<uchar>(p[3]));
}

/// A file cut short (an interrupted copy, a download that stopped) opens without complaint and fails later, at
/// some query. The header says how many pages the file has when that count is valid (the change counter at
/// offset 24 matches the "version-valid-for" number at 92); a shorter file is damaged. Without a write-ahead
/// log only: a log may hold pages a checkpoint has not written back yet. Returns an empty string when fine.
QString truncation(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray header = f.read(100);
    if (header.size() < 100 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return {};
    const QFileInfo wal(path + QStringLiteral("-wal"));
    if (wal.exists() && wal.size() > 0)
        return {};
    quint32 pageSize = static_cast<quint32>(static_cast<uchar>(header[16])) << 8 | static_cast<uchar>(header[17]);
    if (pageSize == 1)
        pageSize = 65536;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return {}; // not a valid header: SQLite itself says it is not a database
    const quint32 pages = be32(header.constData() + 28);
    if (pages == 0 || be32(header.constData() + 24) != be32(header.constData() + 92))
        return {};
    const qint64 expected = static_cast<qint64>(pages) * pageSize;
    if (f.size() < expected)
        return QStringLiteral("the investigation file is damaged: it is cut short (%1 of %2 bytes); it was probably "
                              "copied or downloaded incompletely")
            .arg(f.size())
            .arg(expected);
    return {};
}

} // namespace

Statement::Statement(sqlite3* db, const char* sql)
    : m_db(db)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        throw StoreError(QStringLiteral("internal query error: %1 (%2)")
                             .arg(QString::fromUtf8(sqlite3_errmsg(db)), QString::fromUtf8(sql).left(80)));
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& text)
{
    if (text.isNull())
        return bindNull(index);
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(
        m_stmt, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindText(int index, const QByteArray& utf8)
{
    if (utf8.isNull())
        return bindNull(index);
    sqlite3_bind_text64(
        m_stmt, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& blob)
{
    if (blob.isNull())
        return bindNull(index);
    sqlite3_bind_blob64(m_stmt, index, blob.constData(), static_cast<sqlite3_uint64>(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bindOrNull(int index, qint64 value, qint64 nullValue)
{
    return value == nullValue ? bindNull(index) : bind(index, value);
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    const int code = sqlite3_extended_errcode(m_db);
    sqlite3_reset(m_stmt);
    throw storeError(code, message);
}

void Statement::run()
{
    while (step()) { }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column));
}

QByteArrayView Statement::utf8(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? QByteArrayView(p, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}

QByteArray Statement::blob(int column) const
{
    const void* p = sqlite3_column_blob(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    if (!p)
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL ? QByteArray() : QByteArray("");
    return QByteArray(static_cast<const char*>(p), n);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

Database::Database(const QString& path, Mode mode)
    : m_path(path)
    , m_mode(mode)
{
    const QString name = QFileInfo(path).fileName();
    if (mode != Mode::Create && !QFileInfo::exists(path))
        throw StoreError(QStringLiteral("%1: no such file").arg(name));
    if (mode != Mode::Create && QFileInfo(path).isDir())
        throw StoreError(QStringLiteral("%1: is a folder, not an investigation file").arg(name));
    const QFileInfo info(path);
    if (mode != Mode::Create || info.exists()) {
        if (const QString cut = truncation(path); !cut.isEmpty())
            throw StoreError(QStringLiteral("%1: %2").arg(name, cut));
    }
    if (mode == Mode::ReadWrite && !info.isWritable())
        throw StoreError(QStringLiteral("%1: the investigation file is read-only").arg(name));
    if (mode != Mode::ReadOnly && !QFileInfo(info.absolutePath()).isWritable())
        throw StoreError(
            QStringLiteral("%1: its folder is read-only (Leakscope keeps a journal next to the file while it writes)")
                .arg(name));
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI;
    flags |= mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (mode == Mode::Create)
        flags |= SQLITE_OPEN_CREATE;
    // On read-only media (a CD, a locked share) SQLite cannot create the WAL index next to the file; reading it
    // as immutable needs none.
    const bool immutable = mode == Mode::ReadOnly && !QFileInfo(info.absolutePath()).isWritable();
    const QByteArray uri = QByteArrayLiteral("file:") + QUrl::toPercentEncoding(info.absoluteFilePath(), "/")
        + (immutable ? "?immutable=1" : "");
    const int rc = sqlite3_open_v2(uri.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString why = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError(QStringLiteral("%1: cannot open (%2)").arg(name, why));
    }
    // Investigation files come from strangers: nothing stored in them may run code or alter our queries.
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_limit(m_db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_busy_timeout(m_db, 5000);
    try {
        exec("PRAGMA foreign_keys = ON; PRAGMA cell_size_check = ON;");
        // Reads through a memory map skip a copy per page. The window's readers map the whole file (up to
        // SQLite's 2 GB limit): each query opens its own connection, and reading a large investigation's pages
        // through read() instead was a large share of the Destinations query on a million flows (perf). The writer
        // (imports, analysis) maps 64 MB: the pages it maps count in the process's resident memory
        // (file-backed, reclaimable, but what users and the 300 MB import target see), and its reads are
        // sequential, so the kernel's read-ahead does most of what the map would.
        exec(mode == Mode::ReadOnly ? "PRAGMA mmap_size = 2147418112;" : "PRAGMA mmap_size = 67108864;");
        if (mode != Mode::ReadOnly)
            exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    } catch (const StoreError& e) {
        sqlite3_close(m_db);
        m_db = nullptr;
        const QString why = e.message().contains(u"not a database") || e.message().contains(u"file is not")
            ? QStringLiteral("not an investigation file (it is not a SQLite database)")
            : e.message();
        throw StoreError(QStringLiteral("%1: %2").arg(name, why));
    }
}

Database::~Database()
{
    m_statements.clear();
    if (m_db)
        sqlite3_close(m_db);
}

void Database::exec(const char* sql)
{
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const QString message = QString::fromUtf8(error ? error : "unknown error");
        const int code = sqlite3_extended_errcode(m_db);
        sqlite3_free(error);
        throw storeError(code, message);
    }
}

Statement& Database::prepare(const char* sql)
{
    auto& slot = m_statements[sql];
    if (!slot)
        slot = std::make_unique<Statement>(m_db, sql);
    else
        slot->reset();
    return *slot;
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 Database::pragmaInt(const char* pragma)
{
    Statement st(m_db, pragma);
    return st.step() ? st.int64(0) : 0;
}

void Database::throwError(const char* context) const
{
    throw StoreError(QStringLiteral("%1: %2").arg(QString::fromUtf8(context), QString::fromUtf8(sqlite3_errmsg(m_db))));
}

ReadTransaction::ReadTransaction(Database& db)
    : m_db(db)
{
    m_db.exec("BEGIN");
}

ReadTransaction::~ReadTransaction()
{
    try {
        m_db.exec("COMMIT"); // ends the read; nothing was written
    } catch (const StoreError&) { // a destructor must not throw; the connection is closed next anyway
    }
}

Transaction::Transaction(Database& db)
    : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The connection already rolled back (for example after SQLITE_FULL); nothing else to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}
