// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "random.h"

namespace BenchKit {

QByteArray noise(Random& r, int n)
{
    static const QByteArray block = [] {
        QByteArray b(1 << 20, '\0');
        Random g(42);
        for (char& c : b)
            c = static_cast<char>(g.next());
        return b;
    }();
    n = std::min(n, static_cast<int>(block.size()) - 1);
    const int at = r.range(0, static_cast<int>(block.size()) - n - 1);
    return block.mid(at, n);
}

} // namespace BenchKit
