/*
 * kboot probe payload: the exact oracle of end-to-end tests. Prints on COM1 (0x3f8, 115200) the registers it was
 * entered with, the boot_params fields it received (command line, initrd, e820 entries) and the SHA-256 of the
 * initrd, one "KBOOT-PROBE key=value" line each, then powers the machine off. Entered through PVH (the ELF build,
 * pvh.S), it prints the 32-bit registers, CR0, CR4 and EFER as they arrived and the hvm_start_info block instead.
 */
#include <stdint.h>
#include "console.h"
#include "sha2.h"

#pragma GCC visibility push(hidden)
extern uint64_t entry_registers[17];
/* Set by pvh.S: 1 when entered through PVH, with CR0, CR4 and EFER as they were at that entry. */
uint32_t entered_through_pvh;
uint64_t pvh_control[3];
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

/* hvm_start_info (Xen's public/arch-x86/hvm/start_info.h) offsets. */
#define SI_MAGIC          0x00
#define SI_VERSION        0x04
#define SI_FLAGS          0x08
#define SI_NR_MODULES     0x0c
#define SI_MODLIST_PADDR  0x10
#define SI_CMDLINE_PADDR  0x18
#define SI_RSDP_PADDR     0x20
#define SI_MEMMAP_PADDR   0x28
#define SI_MEMMAP_ENTRIES 0x30

static uint32_t read32(uint64_t address)
{
    return *(volatile uint32_t *)(uintptr_t)address;
}

static uint64_t read64(uint64_t address)
{
    return *(volatile uint64_t *)(uintptr_t)address;
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

static void hex_line(const char *key, uint64_t value)
{
    line(key);
    console_hex(value);
    console_print("\n");
}

static void initrd_lines(uint64_t initrd, uint64_t initrd_size)
{
    hex_line("initrd", initrd);
    hex_line("initrd_size", initrd_size);
    line("initrd_sha256");
    struct sha256 ctx;
    uint8_t digest[32];
    sha256_init(&ctx);
    if (initrd_size)
        sha256_update(&ctx, (const void *)(uintptr_t)initrd, initrd_size);
    sha256_final(&ctx, digest);
    console_bytes(digest, sizeof digest);
    console_print("\n");
}

/* The PVH report: registers eax..ebp and eip, the control registers, then every field of the start-info block. */
static void report_pvh(void)
{
    console_print("KBOOT-PROBE entry=pvh\n");
    for (int i = 0; i < 8; i++) {
        char name[4] = {'e', register_names[i][1], register_names[i][2], 0};
        hex_line(name, entry_registers[i]);
    }
    hex_line("eip", entry_registers[16]);
    hex_line("cr0", pvh_control[0]);
    hex_line("cr4", pvh_control[1]);
    hex_line("efer", pvh_control[2]);
    uint64_t info = entry_registers[1];
    hex_line("magic", read32(info + SI_MAGIC));
    line("version");
    console_decimal(read32(info + SI_VERSION));
    console_print("\n");
    hex_line("flags", read32(info + SI_FLAGS));
    hex_line("rsdp", read64(info + SI_RSDP_PADDR));
    uint64_t cmdline = read64(info + SI_CMDLINE_PADDR);
    hex_line("cmdline_paddr", cmdline);
    line("cmdline");
    console_print(cmdline ? (const char *)(uintptr_t)cmdline : "");
    console_print("\n");
    uint32_t entries = read32(info + SI_MEMMAP_ENTRIES);
    uint64_t memmap = read64(info + SI_MEMMAP_PADDR);
    line("memmap");
    for (uint32_t i = 0; i < entries; i++) {
        uint64_t entry = memmap + 24 * i;
        console_print(i ? " " : "");
        console_hex(read64(entry));
        console_print("+");
        console_hex(read64(entry + 8));
        console_print(":");
        console_decimal(read32(entry + 16));
    }
    console_print("\n");
    uint32_t modules = read32(info + SI_NR_MODULES);
    hex_line("modules", modules);
    uint64_t modlist = read64(info + SI_MODLIST_PADDR);
    initrd_lines(modules ? read64(modlist) : 0, modules ? read64(modlist + 8) : 0);
}

void probe_main(void)
{
    console_init(0x3f8, 115200);
    console_print("\nKBOOT-PROBE start\n");
    if (entered_through_pvh) {
        report_pvh();
        console_print("KBOOT-PROBE end\n");
        power_off();
    }
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
    initrd_lines(initrd, initrd_size);
    line("e820_entries");
    console_decimal(*(volatile uint8_t *)(uintptr_t)(params + BP_E820_ENTRIES));
    console_print("\nKBOOT-PROBE end\n");
    power_off();
}
