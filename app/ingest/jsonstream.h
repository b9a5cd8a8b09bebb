// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"

#include <QtGlobal>

#include <cstring>

/// A RapidJSON input stream over BufferedInput, so JSON captures of any size parse in constant memory.
///
/// It also repairs one producer quirk on the fly: HAR writers that export binary bodies as text leave lone
/// UTF-16 surrogate escapes ("\ud83d" without its pair), which RapidJSON rejects. Such an escape is rewritten
/// to U+FFFD here and counted, so the importer can flag the body as lossy instead of failing the whole file.
class JsonInputStream
{
public:
    typedef char Ch;

    explicit JsonInputStream(BufferedInput& input)
        : m_in(input)
    { }

    // RapidJSON calls Peek() and Take() for every byte of the file: they must inline to a few instructions
    // (the HAR importer spent a sixth of its time in an out-of-line Take(); bench/RESULTS.md).
    Q_ALWAYS_INLINE Ch Peek()
    {
        if (Q_UNLIKELY(m_in.available() == 0) && m_in.fill(1) == 0)
            return '\0';
        return *m_in.data();
    }
    Q_ALWAYS_INLINE Ch Take()
    {
        if (Q_UNLIKELY(m_in.available() == 0) && m_in.fill(1) == 0)
            return '\0';
        const Ch c = *m_in.data();
        if (Q_UNLIKELY(c == '\\'))
            takeBackslash();
        else
            m_escaping = false;
        m_in.consume(1);
        return c;
    }
    size_t Tell() const
    {
        return static_cast<size_t>(m_in.offset());
    }
    int repairedSurrogates() const
    {
        return m_repaired;
    }

    // Output side of the stream concept; never used for reading.
    Ch* PutBegin()
    {
        return nullptr;
    }
    void Put(Ch) { }
    void Flush() { }
    size_t PutEnd(Ch*)
    {
        return 0;
    }

private:
    static bool isHex(char c)
    {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    static bool isSurrogate(const char* p, char lo, char hi)
    {
        const char d = static_cast<char>(p[2] | 0x20);
        return p[0] == 'u' && (p[1] == 'd' || p[1] == 'D') && d >= lo && d <= hi && isHex(p[3]) && isHex(p[4]);
    }
    Q_NEVER_INLINE void takeBackslash()
    {
        if (!m_escaping)
            repairLoneSurrogate();
        m_escaping = !m_escaping;
    }
    // The buffer's current byte is an escaping backslash: look at "\uD8xx" and the escape after it.
    void repairLoneSurrogate()
    {
        const bool pairedLow = m_afterHigh;
        m_afterHigh = false;
        if (m_in.fill(12) < 6)
            return;
        char* p = m_in.mutableData() + 1;
        if (isSurrogate(p, '8', 'b')) {
            if (m_in.available() >= 12 && p[5] == '\\' && isSurrogate(p + 6, 'c', 'f')) {
                m_afterHigh = true; // a proper pair: the next escape is its low half
                return;
            }
        } else if (!isSurrogate(p, 'c', 'f') || pairedLow) {
            return;
        }
        memcpy(p + 1, "FFFD", 4);
        ++m_repaired;
    }

    BufferedInput& m_in;
    bool m_escaping = false;
    bool m_afterHigh = false;
    int m_repaired = 0;
};
