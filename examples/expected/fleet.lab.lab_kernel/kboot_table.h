/*
 * kboot purgatory data table, version 1: the one place its layout is defined.
 *
 * The purgatory is one fully linked, position-independent segment with no relocations. The loader copies it
 * anywhere page-aligned and fills this table, which sits at KBOOT_TABLE_OFFSET from the segment's start and
 * begins with KBOOT_TABLE_MAGIC, its version and its size. All fields are little-endian; the purgatory reads
 * them, never writes them. The generator emits this header beside each boot's table; Java's twin is
 * org.kexec.runtime.purgatory.PurgatoryTable, and a test checks that both lay it out byte for byte alike.
 */
#ifndef KBOOT_TABLE_H
#define KBOOT_TABLE_H

#define KBOOT_TABLE_OFFSET   0x40
#define KBOOT_TABLE_MAGIC    "KBOOTPT"          /* 8 bytes with the NUL */
#define KBOOT_TABLE_VERSION  1
#define KBOOT_TABLE_SIZE     520

#define KBOOT_MAX_REGIONS    16
#define KBOOT_DIGEST_MAX     64
#define KBOOT_REGISTERS      17

/* flags */
#define KBOOT_FLAG_CONSOLE   (1 << 0)           /* print progress on the serial console */
#define KBOOT_FLAG_BACKUP    (1 << 1)           /* copy the backup region (crash loads) before jumping */
#define KBOOT_FLAG_PVH       (1 << 2)           /* enter a PVH entry: 32-bit protected mode, paging off, ebx */

/* hash */
#define KBOOT_HASH_NONE      0
#define KBOOT_HASH_SHA256    1
#define KBOOT_HASH_SHA384    2
#define KBOOT_HASH_SHA512    3

/* Field offsets, for the assembly entry code and the Java twin. */
#define KBOOT_OFF_MAGIC         0x000
#define KBOOT_OFF_VERSION       0x008
#define KBOOT_OFF_SIZE          0x00c
#define KBOOT_OFF_FLAGS         0x010
#define KBOOT_OFF_HASH          0x014
#define KBOOT_OFF_DIGEST        0x018
#define KBOOT_OFF_REGION_COUNT  0x058
#define KBOOT_OFF_RESERVED      0x05c
#define KBOOT_OFF_REGIONS       0x060
#define KBOOT_OFF_REGISTERS     0x160
#define KBOOT_OFF_BACKUP_SRC    0x1e8
#define KBOOT_OFF_BACKUP_DST    0x1f0
#define KBOOT_OFF_BACKUP_SIZE   0x1f8
#define KBOOT_OFF_CONSOLE_PORT  0x200
#define KBOOT_OFF_CONSOLE_PAD   0x202
#define KBOOT_OFF_CONSOLE_BAUD  0x204

/* Registers in KBOOT_OFF_REGISTERS, in this order: the 16 GPRs, then rip. */
#define KBOOT_REG_RAX  0
#define KBOOT_REG_RBX  1
#define KBOOT_REG_RCX  2
#define KBOOT_REG_RDX  3
#define KBOOT_REG_RSI  4
#define KBOOT_REG_RDI  5
#define KBOOT_REG_RSP  6
#define KBOOT_REG_RBP  7
#define KBOOT_REG_R8   8
#define KBOOT_REG_R15  15
#define KBOOT_REG_RIP  16

#ifndef __ASSEMBLER__
#include <stdint.h>

struct kboot_region {
    uint64_t start;                         /* physical address */
    uint64_t length;                        /* bytes; 0 ends the list */
};

struct kboot_table {
    char     magic[8];                      /* "KBOOTPT\0" */
    uint32_t version;                       /* KBOOT_TABLE_VERSION */
    uint32_t size;                          /* KBOOT_TABLE_SIZE */
    uint32_t flags;                         /* KBOOT_FLAG_* */
    uint32_t hash;                          /* KBOOT_HASH_* */
    uint8_t  digest[KBOOT_DIGEST_MAX];      /* expected digest, its first 32/48/64 bytes */
    uint32_t region_count;                  /* used entries of regions */
    uint32_t reserved;                      /* 0 */
    struct kboot_region regions[KBOOT_MAX_REGIONS];
    uint64_t registers[KBOOT_REGISTERS];    /* rax rbx rcx rdx rsi rdi rsp rbp r8..r15 rip */
    uint64_t backup_src;                    /* KBOOT_FLAG_BACKUP: copy backup_size bytes */
    uint64_t backup_dst;                    /*   from backup_src to backup_dst */
    uint64_t backup_size;
    uint16_t console_port;                  /* KBOOT_FLAG_CONSOLE: 16550 UART I/O port */
    uint16_t console_pad;                   /* 0 */
    uint32_t console_baud;                  /* 115200 / baud is the divisor */
} __attribute__((packed));

_Static_assert(sizeof(struct kboot_table) == KBOOT_TABLE_SIZE, "table size");
_Static_assert(__builtin_offsetof(struct kboot_table, digest) == KBOOT_OFF_DIGEST, "digest");
_Static_assert(__builtin_offsetof(struct kboot_table, region_count) == KBOOT_OFF_REGION_COUNT, "region_count");
_Static_assert(__builtin_offsetof(struct kboot_table, regions) == KBOOT_OFF_REGIONS, "regions");
_Static_assert(__builtin_offsetof(struct kboot_table, registers) == KBOOT_OFF_REGISTERS, "registers");
_Static_assert(__builtin_offsetof(struct kboot_table, backup_src) == KBOOT_OFF_BACKUP_SRC, "backup_src");
_Static_assert(__builtin_offsetof(struct kboot_table, console_port) == KBOOT_OFF_CONSOLE_PORT, "console_port");
_Static_assert(__builtin_offsetof(struct kboot_table, console_baud) == KBOOT_OFF_CONSOLE_BAUD, "console_baud");
#endif

#endif
