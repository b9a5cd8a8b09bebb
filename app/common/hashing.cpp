// SPDX-FileCopyrightText: 2026 The Leakscope authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "hashing.h"

#include <openssl/evp.h>

#include <stdexcept>

struct Digest::Private
{
    EVP_MD_CTX* ctx = nullptr;
    const EVP_MD* md = nullptr;
};

static const EVP_MD* mdFor(Digest::Algorithm a)
{
    switch (a) {
    case Digest::Md5:
        return EVP_md5();
    case Digest::Sha1:
        return EVP_sha1();
    case Digest::Sha224:
        return EVP_sha224();
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha384:
        return EVP_sha384();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return EVP_sha256();
}

Digest::Digest(Algorithm algorithm)
    : d(std::make_unique<Private>())
{
    d->ctx = EVP_MD_CTX_new();
    d->md = mdFor(algorithm);
    if (!d->ctx || EVP_DigestInit_ex(d->ctx, d->md, nullptr) != 1)
        throw std::runtime_error("OpenSSL digest initialisation failed");
}

Digest::~Digest()
{
    EVP_MD_CTX_free(d->ctx);
}

void Digest::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(d->ctx, data.data(), static_cast<size_t>(data.size()));
}

QByteArray Digest::result()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(d->ctx, out, &len);
    reset();
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(len));
}

void Digest::reset()
{
    EVP_DigestInit_ex(d->ctx, d->md, nullptr);
}

QByteArray Digest::hash(QByteArrayView data, Algorithm algorithm)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), static_cast<size_t>(data.size()), out, &len, mdFor(algorithm), nullptr);
    return QByteArray(reinterpret_cast<const char*>(out), static_cast<qsizetype>(len));
}
