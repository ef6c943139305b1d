/*
 * The C library functions a freestanding program still needs: GCC may emit calls to these for copies and clears
 * even with -ffreestanding. Linked into the purgatory and the probe.
 */
#include <stdint.h>

void *memcpy(void *dst, const void *src, unsigned long n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}
