// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <vector>

/// IP → autonomous system (number and organisation), from a compact file that scripts/update-refdata.sh
/// (and the opt-in updater) build from the `@ip-location-db/asn` CSVs.
///
/// Why a format of our own: the CSVs are 33 MB; MMDB writers are Perl-only on Debian; a SQLite file is
/// 15 MB. Sorted fixed-size range records compressed with zstd are 3.7 MB on disk, load in a few tens of
/// milliseconds and answer by binary search. Layout (little-endian, after zstd decompression):
///   "LSASN\1\0\0", u32 v4Count, u32 v6Count, u32 orgCount, u32 stringBytes,
///   v4Count × {u32 first, u32 last, u32 asn}, v6Count × {u8 first[16], u8 last[16], u32 asn},
///   orgCount × {u32 asn, u32 offset, u32 length} (sorted by asn), then the UTF-8 organisation names.
class AsnDatabase
{
public:
    struct Result
    {
        quint32 asn = 0; ///< 0 = not found
        QString organisation;
        bool isValid() const
        {
            return asn != 0;
        }
    };

    /// Reads a file written by build(); returns false with `error` set when it is missing or damaged.
    bool load(const QString& path, QString* error);
    /// Parses the decompressed bytes (the tests and the updater use it directly).
    bool loadBytes(const QByteArray& raw, QString* error);

    /// An IPv4 or IPv6 address as text; anything else (or an address of no AS) gives an invalid result.
    Result lookup(const QString& address) const;
    /// The organisation name registered for an AS number ("" when unknown).
    QString organisation(quint32 asn) const;

    bool isEmpty() const
    {
        return m_v4.empty() && m_v6.empty();
    }
    size_t v4Ranges() const
    {
        return m_v4.size();
    }
    size_t v6Ranges() const
    {
        return m_v6.size();
    }

    /// One `start,end,asn,"org"` CSV as published by ip-location-db (IPv4 or IPv6 rows; both may be mixed).
    /// Returns false with `error` naming the line when a row cannot be read.
    class Builder
    {
    public:
        bool addCsv(const QByteArray& csv, QString* error);
        /// The finished file: the layout above, compressed with zstd at `level`.
        QByteArray build(int level = 19);
        size_t rows() const
        {
            return m_v4.size() + m_v6.size();
        }

    private:
        struct V4
        {
            quint32 first, last, asn;
        };
        struct V6
        {
            std::array<quint8, 16> first, last;
            quint32 asn;
        };
        std::vector<V4> m_v4;
        std::vector<V6> m_v6;
        std::vector<std::pair<quint32, QByteArray>> m_orgs;
    };

private:
    struct V4
    {
        quint32 first, last, asn;
    };
    struct V6
    {
        std::array<quint8, 16> first, last;
        quint32 asn;
    };
    struct Org
    {
        quint32 asn, offset, length;
    };
    std::vector<V4> m_v4;
    std::vector<V6> m_v6;
    std::vector<Org> m_orgs;
    QByteArray m_strings;
};
