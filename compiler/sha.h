/*
 * sha: SHA-256 of whole buffers on any thread, and the implementation for
 * streams that hash as they go (EVP_DigestInit_ex(ctx, sha256_md(), NULL)).
 */
#ifndef SHA_H
#define SHA_H

#include <stddef.h>

#include <openssl/evp.h>

/* OpenSSL's SHA-256, fetched once for the process. */
const EVP_MD *sha256_md(void);
/* The SHA-256 of data[0..len) into out. Aborts (BUG) if OpenSSL fails. */
void sha256(const void *data, size_t len, unsigned char out[32]);
/* Free the calling thread's context (other threads' go when they end). */
void sha256_release(void);

#endif
