/*
 * Host benchmark of the purgatory's digests: kboot's SHA-256/384/512 (org.kexec.runtime/src/main/c/purgatory/sha2.c)
 * against kexec-tools' purgatory SHA-256 (util_lib/sha256.c, compiled from Debian's source by bench-purgatory-hash.sh
 * with its functions renamed kt_*), over the same 64 MiB of data, both built with the purgatory's -O2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sha2.h"
/* kexec-tools' util_lib/include/sha256.h, its functions renamed as its object was compiled. */
#define sha256_starts kt_sha256_starts
#define sha256_update kt_sha256_update
#define sha256_finish kt_sha256_finish
#include "sha256.h"
#undef sha256_starts
#undef sha256_update
#undef sha256_finish

#define SIZE (64u << 20)

static double seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

/* Best of five runs, in MiB/s. */
#define MEASURE(label, body) do { \
        double best = 1e9; \
        for (int run = 0; run < 5; run++) { \
            double start = seconds(); \
            body; \
            double took = seconds() - start; \
            if (took < best) best = took; \
        } \
        printf("  %-34s %7.0f MiB/s\n", label, 64 / best); \
    } while (0)

int main(void)
{
    unsigned char *data = malloc(SIZE);
    if (!data)
        return 1;
    srand(1);
    for (size_t i = 0; i < SIZE; i++)
        data[i] = (unsigned char)rand();
    unsigned char digest[64], theirs[32];
    struct sha256 s256;
    struct sha512 s512;
    sha256_context context;

    printf("purgatory digest throughput, 64 MiB, best of 5:\n");
    MEASURE("kboot sha256 (portable C)", (sha256_init(&s256), sha256_update(&s256, data, SIZE), sha256_final(&s256, digest)));
    if (sha256_shani_available()) {
        sha256_use_shani(1);
        MEASURE("kboot sha256 (SHA-NI)", (sha256_init(&s256), sha256_update(&s256, data, SIZE), sha256_final(&s256, digest)));
        sha256_use_shani(0);
    } else {
        printf("  %-34s %s\n", "kboot sha256 (SHA-NI)", "not available on this CPU");
    }
    MEASURE("kexec-tools sha256 (util_lib)", (kt_sha256_starts(&context), kt_sha256_update(&context, data, SIZE),
            kt_sha256_finish(&context, theirs)));
    if (memcmp(digest, theirs, 32)) {
        fprintf(stderr, "the two SHA-256 implementations disagree\n");
        return 1;
    }
    MEASURE("kboot sha384", (sha384_init(&s512), sha512_update(&s512, data, SIZE), sha512_final(&s512, digest, 48)));
    MEASURE("kboot sha512", (sha512_init(&s512), sha512_update(&s512, data, SIZE), sha512_final(&s512, digest, 64)));
    free(data);
    return 0;
}
