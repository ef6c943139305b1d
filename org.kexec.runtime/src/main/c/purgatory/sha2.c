/* SHA-256, SHA-384 and SHA-512 after FIPS 180-4, written for the purgatory: straight C on general registers. */
#include "sha2.h"

static inline uint32_t ror32(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t ror64(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

static inline uint32_t load_be32(const uint8_t *p)
{
    uint32_t word;
    __builtin_memcpy(&word, p, sizeof word);
    return __builtin_bswap32(word);
}

static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t word;
    __builtin_memcpy(&word, p, sizeof word);
    return __builtin_bswap64(word);
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint64_t K512[80] = {
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
    0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
    0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
    0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
    0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
    0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
    0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
    0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
    0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
    0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

/*
 * The compression functions keep the message schedule in a 16-word ring and rename the working variables instead
 * of moving them: eight rounds per step, each with the variables in their place for that round.
 */
#define S256_SIGMA0(x) (ror32(x, 7) ^ ror32(x, 18) ^ ((x) >> 3))
#define S256_SIGMA1(x) (ror32(x, 17) ^ ror32(x, 19) ^ ((x) >> 10))
/* Rounds 16 and up extend the schedule in place; the first 16 read it as loaded (S256_SCHEDULED 0). */
#define S256_ROUND(a, b, c, d, e, f, g, h, i) do { \
        uint32_t w_ = !S256_SCHEDULED ? w[(i) & 15] \
            : (w[(i) & 15] += S256_SIGMA1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + S256_SIGMA0(w[((i) - 15) & 15])); \
        uint32_t t1_ = h + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + (g ^ (e & (f ^ g))) + sha256_k[i] + w_; \
        d += t1_; \
        h = t1_ + (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) | (c & (a | b))); \
    } while (0)

static void sha256_block(uint32_t state[8], const uint8_t *block)
{
    uint32_t w[16];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(block + 4 * i);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
#define S256_EIGHT(i) do { \
        S256_ROUND(a, b, c, d, e, f, g, h, i); \
        S256_ROUND(h, a, b, c, d, e, f, g, (i) + 1); \
        S256_ROUND(g, h, a, b, c, d, e, f, (i) + 2); \
        S256_ROUND(f, g, h, a, b, c, d, e, (i) + 3); \
        S256_ROUND(e, f, g, h, a, b, c, d, (i) + 4); \
        S256_ROUND(d, e, f, g, h, a, b, c, (i) + 5); \
        S256_ROUND(c, d, e, f, g, h, a, b, (i) + 6); \
        S256_ROUND(b, c, d, e, f, g, h, a, (i) + 7); \
    } while (0)
#define S256_SCHEDULED 0
    S256_EIGHT(0);
    S256_EIGHT(8);
#undef S256_SCHEDULED
#define S256_SCHEDULED 1
    for (int i = 16; i < 64; i += 8)
        S256_EIGHT(i);
#undef S256_SCHEDULED
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

#define S512_SIGMA0(x) (ror64(x, 1) ^ ror64(x, 8) ^ ((x) >> 7))
#define S512_SIGMA1(x) (ror64(x, 19) ^ ror64(x, 61) ^ ((x) >> 6))
/* Rounds 16 and up extend the schedule in place; the first 16 read it as loaded (S512_SCHEDULED 0). */
#define S512_ROUND(a, b, c, d, e, f, g, h, i) do { \
        uint64_t w_ = !S512_SCHEDULED ? w[(i) & 15] \
            : (w[(i) & 15] += S512_SIGMA1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + S512_SIGMA0(w[((i) - 15) & 15])); \
        uint64_t t1_ = h + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) + (g ^ (e & (f ^ g))) + K512[i] + w_; \
        d += t1_; \
        h = t1_ + (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) + ((a & b) | (c & (a | b))); \
    } while (0)

static void sha512_block(uint64_t state[8], const uint8_t *block)
{
    uint64_t w[16];
    for (int i = 0; i < 16; i++)
        w[i] = load_be64(block + 8 * i);
    uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
#define S512_EIGHT(i) do { \
        S512_ROUND(a, b, c, d, e, f, g, h, i); \
        S512_ROUND(h, a, b, c, d, e, f, g, (i) + 1); \
        S512_ROUND(g, h, a, b, c, d, e, f, (i) + 2); \
        S512_ROUND(f, g, h, a, b, c, d, e, (i) + 3); \
        S512_ROUND(e, f, g, h, a, b, c, d, (i) + 4); \
        S512_ROUND(d, e, f, g, h, a, b, c, (i) + 5); \
        S512_ROUND(c, d, e, f, g, h, a, b, (i) + 6); \
        S512_ROUND(b, c, d, e, f, g, h, a, (i) + 7); \
    } while (0)
#define S512_SCHEDULED 0
    S512_EIGHT(0);
    S512_EIGHT(8);
#undef S512_SCHEDULED
#define S512_SCHEDULED 1
    for (int i = 16; i < 80; i += 8)
        S512_EIGHT(i);
#undef S512_SCHEDULED
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

static int sha256_shani;

void sha256_use_shani(int on)
{
    sha256_shani = on;
}

/* The whole blocks at data: with SHA-NI when enabled, in C otherwise. */
static void sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks)
{
    if (sha256_shani) {
        sha256_shani_blocks(state, data, blocks);
        return;
    }
    for (; blocks; blocks--, data += 64)
        sha256_block(state, data);
}

void sha256_init(struct sha256 *ctx)
{
    static const uint32_t iv[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    for (int i = 0; i < 8; i++)
        ctx->state[i] = iv[i];
    ctx->length = 0;
}

void sha256_update(struct sha256 *ctx, const void *data, size_t length)
{
    const uint8_t *p = data;
    size_t used = ctx->length % 64;
    ctx->length += length;
    if (used) {
        while (length && used < 64) {
            ctx->block[used++] = *p++;
            length--;
        }
        if (used < 64)
            return;
        sha256_blocks(ctx->state, ctx->block, 1);
    }
    sha256_blocks(ctx->state, p, length / 64);
    p += length / 64 * 64;
    length %= 64;
    for (size_t i = 0; i < length; i++)
        ctx->block[i] = p[i];
}

void sha256_final(struct sha256 *ctx, uint8_t digest[32])
{
    uint64_t bits = ctx->length * 8;
    size_t used = ctx->length % 64;
    ctx->block[used++] = 0x80;
    if (used > 56) {
        while (used < 64)
            ctx->block[used++] = 0;
        sha256_blocks(ctx->state, ctx->block, 1);
        used = 0;
    }
    while (used < 56)
        ctx->block[used++] = 0;
    store_be64(ctx->block + 56, bits);
    sha256_blocks(ctx->state, ctx->block, 1);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(ctx->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(ctx->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(ctx->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)ctx->state[i];
    }
}

static void sha512_set(struct sha512 *ctx, const uint64_t iv[8])
{
    for (int i = 0; i < 8; i++)
        ctx->state[i] = iv[i];
    ctx->length = 0;
}

void sha512_init(struct sha512 *ctx)
{
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    };
    sha512_set(ctx, iv);
}

void sha384_init(struct sha512 *ctx)
{
    static const uint64_t iv[8] = {
        0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
        0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
    };
    sha512_set(ctx, iv);
}

void sha512_update(struct sha512 *ctx, const void *data, size_t length)
{
    const uint8_t *p = data;
    size_t used = ctx->length % 128;
    ctx->length += length;
    if (used) {
        while (length && used < 128) {
            ctx->block[used++] = *p++;
            length--;
        }
        if (used < 128)
            return;
        sha512_block(ctx->state, ctx->block);
    }
    for (; length >= 128; p += 128, length -= 128)
        sha512_block(ctx->state, p);
    for (size_t i = 0; i < length; i++)
        ctx->block[i] = p[i];
}

void sha512_final(struct sha512 *ctx, uint8_t *digest, size_t digest_length)
{
    uint64_t bits = ctx->length * 8;
    size_t used = ctx->length % 128;
    ctx->block[used++] = 0x80;
    if (used > 112) {
        while (used < 128)
            ctx->block[used++] = 0;
        sha512_block(ctx->state, ctx->block);
        used = 0;
    }
    while (used < 120)
        ctx->block[used++] = 0;
    store_be64(ctx->block + 120, bits);      /* the high 64 bits of the 128-bit length are the zeros above */
    sha512_block(ctx->state, ctx->block);
    for (size_t i = 0; i < digest_length; i++)
        digest[i] = (uint8_t)(ctx->state[i / 8] >> (56 - 8 * (i % 8)));
}
