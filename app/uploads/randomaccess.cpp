// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "randomaccess.h"

#include <algorithm>

RandomAccess::~RandomAccess() = default;

QByteArray MemoryAccess::read(qint64 offset, qint64 length)
{
    if (offset < 0 || length <= 0 || offset >= m_data.size())
        return {};
    return m_data.sliced(offset, std::min<qint64>(length, m_data.size() - offset)).toByteArray();
}

FileAccess::FileAccess(const QString& path)
    : m_file(path)
{
    if (m_file.open(QIODevice::ReadOnly))
        m_size = m_file.size();
}

QByteArray FileAccess::read(qint64 offset, qint64 length)
{
    if (!m_file.isOpen() || offset < 0 || length <= 0 || offset >= m_size || !m_file.seek(offset))
        return {};
    return m_file.read(std::min<qint64>(length, m_size - offset));
}
