// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <stdexcept>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

/// Thrown by the store for any SQLite failure; `what()` is a plain-language message for the user.
class StoreError : public std::runtime_error
{
public:
    explicit StoreError(const QString& message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    { }
    QString message() const
    {
        return m_message;
    }

private:
    QString m_message;
};

/// A prepared statement (RAII). Binding indexes start at 1, column indexes at 0, as in SQLite.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value)
    {
        return bind(index, static_cast<qint64>(value));
    }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& text); ///< a null QString binds NULL
    Statement& bindText(int index, const QByteArray& utf8); ///< a null QByteArray binds NULL
    Statement& bindBlob(int index, const QByteArray& blob);
    Statement& bindNull(int index);
    /// Binds NULL when `value` equals `nullValue` (unknown timestamps, ports, sizes).
    Statement& bindOrNull(int index, qint64 value, qint64 nullValue);

    /// Steps once; true when a row is available.
    bool step();
    /// Steps to the end (INSERT/UPDATE/DELETE) and resets.
    void run();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    /// The column's UTF-8 bytes, valid until the next step or reset (no copy: for interning many repeated values).
    QByteArrayView utf8(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    int columnCount() const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One SQLite connection with the settings every investigation file gets (WAL, foreign keys, defensive mode,
/// untrusted schema, no triggers or views) and a cache of prepared statements.
class Database
{
public:
    enum class Mode
    {
        ReadOnly,
        ReadWrite,
        Create
    };

    /// Opens or creates the file; throws StoreError with a message naming the file.
    explicit Database(const QString& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more statements without results (schema changes, pragmas).
    void exec(const char* sql);
    /// A prepared statement cached by its SQL text; reset before it is returned.
    Statement& prepare(const char* sql);
    qint64 lastInsertId() const;
    int changes() const;
    qint64 pragmaInt(const char* pragma);
    sqlite3* handle() const
    {
        return m_db;
    }
    QString path() const
    {
        return m_path;
    }
    bool isReadOnly() const
    {
        return m_mode == Mode::ReadOnly;
    }

    [[noreturn]] void throwError(const char* context) const;

private:
    sqlite3* m_db = nullptr;
    QString m_path;
    Mode m_mode;
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_statements;
};

/// BEGIN … COMMIT around reads: every statement in between sees the same snapshot of the file, whatever the
/// writer commits meanwhile (WAL).
class ReadTransaction
{
public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Database& m_db;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit() (errors, cancel, exceptions).
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};
