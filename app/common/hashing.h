// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

/// Streaming message digests through OpenSSL's EVP interface (hardware-accelerated SHA on most CPUs).
class Digest
{
public:
    enum Algorithm { Md5, Sha1, Sha224, Sha256, Sha384, Sha512 };
    explicit Digest(Algorithm algorithm = Sha256);
    ~Digest();
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;

    void addData(QByteArrayView data);
    /// The raw digest; the object can be reused after reset().
    QByteArray result();
    void reset();

    static QByteArray hash(QByteArrayView data, Algorithm algorithm = Sha256);
    static QByteArray sha256Hex(QByteArrayView data)
    {
        return hash(data, Sha256).toHex();
    }

private:
    struct Private;
    std::unique_ptr<Private> d;
};
