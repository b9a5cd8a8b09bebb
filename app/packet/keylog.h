// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// TLS key logs in the NSS format (SSLKEYLOGFILE): "LABEL <client random hex> <secret hex>" per line
// (research/formats-and-detection.md §4.10). Keys come from a file given with the capture, a file next to it,
// or Decryption Secrets Blocks inside a pcapng. We only need to know which connections they cover (by client
// random) and to hand the lines to the decryptor.

#include <QByteArray>
#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_set>

namespace Packet {

class KeyLog
{
public:
    using Random = std::array<uint8_t, 32>;

    /// Adds the lines of a key log. Returns the number of usable key lines; `ignored` counts other
    /// non-comment lines (garbage, unknown labels, RSA pre-master entries without a client random).
    int addText(const QByteArray& text, int* ignored = nullptr);
    bool covers(const uint8_t* clientRandom) const;
    bool isEmpty() const
    {
        return m_randoms.empty();
    }
    size_t keyCount() const
    {
        return static_cast<size_t>(m_lines);
    }
    size_t clientRandomCount() const
    {
        return m_randoms.size();
    }
    /// The usable lines, for writing a key log file the decryptor can read.
    const QByteArray& text() const
    {
        return m_text;
    }

    /// A key log lying next to `capturePath` under a related name ("x.pcap" → "x.keylog", "x.keys",
    /// "x.pcap.keylog", "x_keylog.txt", "x.sslkeylog", …), or an empty string.
    static QString findCompanion(const QString& capturePath);
    /// True when the file starts like a key log (its first key line within the first kilobytes).
    static bool looksLikeKeyLog(const QByteArray& head);

private:
    struct RandomHash
    {
        size_t operator()(const Random& r) const noexcept
        {
            size_t h;
            memcpy(&h, r.data(), sizeof h);
            return h;
        }
    };
    std::unordered_set<Random, RandomHash> m_randoms;
    QByteArray m_text;
    int m_lines = 0;
};

} // namespace Packet
