/*
 * Host harness for the purgatory's SHA-2 code: hashes standard input as the purgatory hashes regions, in updates
 * of the given sizes (cycled), and prints the digest in hex. Tests compare it with BouncyCastle.
 *   kboot-hash sha256|sha384|sha512 [portable] [CHUNK...] < data
 * SHA-256 uses the SHA extensions when the CPU has them, unless "portable" is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sha2.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s sha256|sha384|sha512 [CHUNK...]\n", argv[0]);
        return 2;
    }
    size_t capacity = 1 << 20, length = 0;
    unsigned char *data = malloc(capacity);
    size_t got;
    while (data && (got = fread(data + length, 1, capacity - length, stdin)) > 0) {
        length += got;
        if (length == capacity)
            data = realloc(data, capacity *= 2);
    }
    if (!data)
        return 1;
    int first_chunk = 2;
    if (argc > 2 && !strcmp(argv[2], "portable"))
        first_chunk = 3;
    else
        sha256_use_shani(sha256_shani_available());
    struct sha256 s256;
    struct sha512 s512;
    int is256 = !strcmp(argv[1], "sha256");
    size_t digest_length = is256 ? 32 : !strcmp(argv[1], "sha384") ? 48 : 64;
    if (is256)
        sha256_init(&s256);
    else if (digest_length == 48)
        sha384_init(&s512);
    else
        sha512_init(&s512);
    int chunk = first_chunk;
    for (size_t at = 0; at < length;) {
        size_t step = argc > first_chunk ? strtoul(argv[chunk], NULL, 0) : length;
        if (argc > first_chunk && ++chunk == argc)
            chunk = first_chunk;
        if (step == 0 || step > length - at)
            step = length - at;
        if (is256)
            sha256_update(&s256, data + at, step);
        else
            sha512_update(&s512, data + at, step);
        at += step;
    }
    unsigned char digest[64];
    if (is256)
        sha256_final(&s256, digest);
    else
        sha512_final(&s512, digest, digest_length);
    for (size_t i = 0; i < digest_length; i++)
        printf("%02x", digest[i]);
    printf("\n");
    free(data);
    return 0;
}
