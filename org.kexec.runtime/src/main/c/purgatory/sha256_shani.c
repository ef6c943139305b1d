/*
 * SHA-256 with the x86 SHA extensions (SHA-NI): sha256rnds2 does two rounds, sha256msg1/msg2 extend the schedule.
 * This file alone is compiled with SSE enabled; the purgatory calls it only after sha256_shani_available() and
 * after turning SSE on (CR0/CR4), which Linux's relocate_kernel leaves off.
 */
#include <immintrin.h>
#include "sha2.h"

extern const uint32_t sha256_k[64];

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
    __asm__ volatile("cpuid" : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3]) : "a"(leaf), "c"(subleaf));
}

int sha256_shani_available(void)
{
    uint32_t regs[4];
    cpuid(0, 0, regs);
    if (regs[0] < 7)
        return 0;
    cpuid(1, 0, regs);
    int ssse3 = (regs[2] >> 9) & 1, sse41 = (regs[2] >> 19) & 1;
    cpuid(7, 0, regs);
    return ssse3 && sse41 && ((regs[1] >> 29) & 1);
}

void sha256_shani_blocks(uint32_t state[8], const uint8_t *data, size_t blocks)
{
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xb1);      /* CDAB */
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1b);   /* EFGH */
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                                        /* ABEF */
    state1 = _mm_blend_epi16(state1, tmp, 0xf0);                                             /* CDGH */

    for (; blocks; blocks--, data += 64) {
        __m128i abef = state0, cdgh = state1, m[4], msg;
#pragma GCC unroll 16
        for (int g = 0; g < 16; g++) {
            if (g < 4)
                m[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), byteswap);
            msg = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&sha256_k[4 * g]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            if (g >= 3 && g <= 14) {
                tmp = _mm_alignr_epi8(m[g & 3], m[(g + 3) & 3], 4);
                m[(g + 1) & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(m[(g + 1) & 3], tmp), m[g & 3]);
            }
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0e));
            if (g >= 1 && g <= 12)
                m[(g + 3) & 3] = _mm_sha256msg1_epu32(m[(g + 3) & 3], m[g & 3]);
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1b);                      /* FEBA */
    state1 = _mm_shuffle_epi32(state1, 0xb1);                   /* DCHG */
    state0 = _mm_blend_epi16(tmp, state1, 0xf0);                /* DCBA */
    state1 = _mm_alignr_epi8(state1, tmp, 8);                   /* HGFE */
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
