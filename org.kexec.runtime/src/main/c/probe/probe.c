/*
 * kboot probe payload: the exact oracle of end-to-end tests. Prints on COM1 (0x3f8, 115200) the registers it was
 * entered with, the boot_params fields it received (command line, initrd, e820 entries) and the SHA-256 of the
 * initrd, one "KBOOT-PROBE key=value" line each, then powers the machine off.
 */
#include <stdint.h>
#include "console.h"
#include "sha2.h"

#pragma GCC visibility push(hidden)
extern uint64_t entry_registers[17];
void probe_main(void);
#pragma GCC visibility pop

/* boot_params offsets (arch/x86/include/uapi/asm/bootparam.h). */
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE  0x0c4
#define BP_EXT_CMD_LINE_PTR  0x0c8
#define BP_E820_ENTRIES      0x1e8
#define BP_RAMDISK_IMAGE     0x218
#define BP_RAMDISK_SIZE      0x21c
#define BP_CMD_LINE_PTR      0x228

static const char register_names[17][4] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
};

static uint32_t read32(uint64_t address)
{
    return *(volatile uint32_t *)(uintptr_t)address;
}

static void line(const char *key)
{
    console_print("KBOOT-PROBE ");
    console_print(key);
    console_print("=");
}

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
    __asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

/* QEMU's isa-debug-exit (exit status 0x21 << 1 | 1), then the ACPI PM1a control ports of QEMU's q35 and pc. */
static void power_off(void)
{
    outb(0x501, 0x21);
    outw(0x604, 0x2000);
    outw(0xb004, 0x2000);
    for (;;)
        __asm__ volatile("cli; hlt");
}

void probe_main(void)
{
    console_init(0x3f8, 115200);
    console_print("\nKBOOT-PROBE start\n");
    for (int i = 0; i < 17; i++) {
        line(register_names[i]);
        console_hex(entry_registers[i]);
        console_print("\n");
    }
    uint64_t params = entry_registers[4];
    uint64_t cmdline = read32(params + BP_CMD_LINE_PTR) | (uint64_t)read32(params + BP_EXT_CMD_LINE_PTR) << 32;
    uint64_t initrd = read32(params + BP_RAMDISK_IMAGE) | (uint64_t)read32(params + BP_EXT_RAMDISK_IMAGE) << 32;
    uint64_t initrd_size = read32(params + BP_RAMDISK_SIZE) | (uint64_t)read32(params + BP_EXT_RAMDISK_SIZE) << 32;
    line("cmdline");
    console_print(cmdline ? (const char *)(uintptr_t)cmdline : "");
    console_print("\n");
    line("initrd");
    console_hex(initrd);
    console_print("\n");
    line("initrd_size");
    console_hex(initrd_size);
    console_print("\n");
    line("initrd_sha256");
    struct sha256 ctx;
    uint8_t digest[32];
    sha256_init(&ctx);
    if (initrd_size)
        sha256_update(&ctx, (const void *)(uintptr_t)initrd, initrd_size);
    sha256_final(&ctx, digest);
    console_bytes(digest, sizeof digest);
    console_print("\n");
    line("e820_entries");
    console_decimal(*(volatile uint8_t *)(uintptr_t)(params + BP_E820_ENTRIES));
    console_print("\nKBOOT-PROBE end\n");
    power_off();
}
