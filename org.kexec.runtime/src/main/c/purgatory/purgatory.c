/*
 * kboot purgatory: runs between the kexec and the next kernel. It verifies that every loaded region still has
 * the digest the loader computed, saves the crashed kernel's low memory for the dump (crash loads), and returns
 * to the entry code, which loads the table's registers and jumps. On a digest mismatch it prints both digests
 * and halts: booting a kernel that is not the one verified is worse than not booting.
 */
#include "console.h"
#include "kboot_table.h"
#include "sha2.h"

#pragma GCC visibility push(hidden)
extern struct kboot_table kboot_table;
void purgatory_main(void);
#pragma GCC visibility pop

void *memcpy(void *dst, const void *src, unsigned long n);

static const char *hash_name(uint32_t hash)
{
    switch (hash) {
    case KBOOT_HASH_SHA256: return "sha256";
    case KBOOT_HASH_SHA384: return "sha384";
    case KBOOT_HASH_SHA512: return "sha512";
    default: return "none";
    }
}

static unsigned digest_length(uint32_t hash)
{
    return hash == KBOOT_HASH_SHA256 ? 32 : hash == KBOOT_HASH_SHA384 ? 48 : 64;
}

/* Hashes the table's regions, straight from (identity-mapped) physical memory, in table order. */
static void compute_digest(const struct kboot_table *table, uint8_t digest[KBOOT_DIGEST_MAX])
{
    uint32_t count = table->region_count < KBOOT_MAX_REGIONS ? table->region_count : KBOOT_MAX_REGIONS;
    if (table->hash == KBOOT_HASH_SHA256) {
        struct sha256 ctx;
        sha256_init(&ctx);
        for (uint32_t i = 0; i < count; i++)
            sha256_update(&ctx, (const void *)(uintptr_t)table->regions[i].start, table->regions[i].length);
        sha256_final(&ctx, digest);
    } else {
        struct sha512 ctx;
        if (table->hash == KBOOT_HASH_SHA384)
            sha384_init(&ctx);
        else
            sha512_init(&ctx);
        for (uint32_t i = 0; i < count; i++)
            sha512_update(&ctx, (const void *)(uintptr_t)table->regions[i].start, table->regions[i].length);
        sha512_final(&ctx, digest, digest_length(table->hash));
    }
}

/*
 * Linux's relocate_kernel leaves CR4 with PAE (and LA57) only, so SSE instructions fault until the purgatory turns
 * SSE back on: CR0.EM off, CR0.MP on, CR4.OSFXSR and OSXMMEXCPT on. The kernel sets its own on entry.
 */
static void enable_sse(void)
{
    unsigned long cr0, cr4;
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 & ~(1ul << 2)) | (1ul << 1);
    __asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    cr4 |= (1ul << 9) | (1ul << 10);
    __asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
}

static void halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void purgatory_main(void)
{
    const struct kboot_table *table = &kboot_table;
    if (table->flags & KBOOT_FLAG_CONSOLE)
        console_init(table->console_port, table->console_baud);
    if (table->hash != KBOOT_HASH_NONE) {
        console_print("kboot purgatory: verifying ");
        console_decimal(table->region_count);
        console_print(" regions with ");
        console_print(hash_name(table->hash));
        if (table->hash == KBOOT_HASH_SHA256 && sha256_shani_available()) {
            enable_sse();
            sha256_use_shani(1);
            console_print(" (SHA-NI)");
        }
        console_print("\n");
        uint8_t actual[KBOOT_DIGEST_MAX];
        compute_digest(table, actual);
        unsigned length = digest_length(table->hash);
        for (unsigned i = 0; i < length; i++) {
            if (actual[i] != table->digest[i]) {
                console_print("kboot purgatory: digest mismatch, not booting\n  expected ");
                console_bytes(table->digest, length);
                console_print("\n  actual   ");
                console_bytes(actual, length);
                console_print("\n");
                halt();
            }
        }
    } else {
        console_print("kboot purgatory: not verifying (hash none)\n");
    }
    if (table->flags & KBOOT_FLAG_BACKUP) {
        console_print("kboot purgatory: saving ");
        console_hex(table->backup_size);
        console_print(" bytes of low memory\n");
        memcpy((void *)(uintptr_t)table->backup_dst, (const void *)(uintptr_t)table->backup_src, table->backup_size);
    }
    console_print("kboot purgatory: jumping to ");
    console_hex(table->registers[KBOOT_REG_RIP]);
    console_print("\n");
}
