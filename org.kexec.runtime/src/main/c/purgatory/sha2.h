/* SHA-256, SHA-384 and SHA-512 (FIPS 180-4) for the purgatory: freestanding, no tables of pointers, no SSE. */
#ifndef KBOOT_SHA2_H
#define KBOOT_SHA2_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t state[8];
    uint64_t length;                /* bytes hashed so far */
    uint8_t  block[64];
};

struct sha512 {
    uint64_t state[8];
    uint64_t length;                /* bytes hashed so far (regions are far below 2^64 bytes) */
    uint8_t  block[128];
};

/* Hashes with the SHA extensions from now on (callers check sha256_shani_available() and that SSE is on). */
void sha256_use_shani(int on);
int sha256_shani_available(void);
void sha256_shani_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t length);
void sha256_final(struct sha256 *ctx, uint8_t digest[32]);

void sha512_init(struct sha512 *ctx);
void sha384_init(struct sha512 *ctx);
void sha512_update(struct sha512 *ctx, const void *data, size_t length);
/* Writes the first digest_length bytes of the final state: 64 for SHA-512, 48 for SHA-384. */
void sha512_final(struct sha512 *ctx, uint8_t *digest, size_t digest_length);

#endif
