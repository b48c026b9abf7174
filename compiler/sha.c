/*
 * sha: SHA-256 through OpenSSL; see sha.h.
 *
 * The implementation is fetched from the provider once (EVP_sha256() in an
 * init makes OpenSSL look it up each time), and each thread keeps a context
 * for whole buffers (a build hashes a page per scenario; EVP_Digest() would
 * make and free a context each time). A thread's context goes when the
 * thread ends; the calling thread's with sha256_release().
 */
#include "sha.h"

#include <pthread.h>

#include "xalloc.h"

static pthread_once_t sha_once = PTHREAD_ONCE_INIT;
static pthread_key_t sha_key;
static EVP_MD *sha_md;

static void ctx_free(void *ctx)
{
	EVP_MD_CTX_free(ctx);
}

static void sha_init(void)
{
	sha_md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!sha_md || pthread_key_create(&sha_key, ctx_free))
		BUG("SHA-256 is not available");
}

const EVP_MD *sha256_md(void)
{
	pthread_once(&sha_once, sha_init);
	return sha_md;
}

void sha256(const void *data, size_t len, unsigned char out[32])
{
	const EVP_MD *md = sha256_md();
	EVP_MD_CTX *ctx = pthread_getspecific(sha_key);
	unsigned int n = 32;

	if (!ctx) {
		ctx = EVP_MD_CTX_new();
		if (!ctx || pthread_setspecific(sha_key, ctx))
			BUG("cannot keep a SHA-256 context");
	}
	if (!EVP_DigestInit_ex(ctx, md, NULL) || !EVP_DigestUpdate(ctx, data, len) ||
	    !EVP_DigestFinal_ex(ctx, out, &n))
		BUG("SHA-256 failed");
}

void sha256_release(void)
{
	pthread_once(&sha_once, sha_init);
	EVP_MD_CTX_free(pthread_getspecific(sha_key));
	pthread_setspecific(sha_key, NULL);
}
