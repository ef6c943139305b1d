/*
 * kboot purgatory entry. Linux's relocate_kernel (or Xen) jumps to the segment's first byte in 64-bit mode,
 * paging on with memory identity-mapped, interrupts off, every register and the stack undefined. The code
 * takes its own stack and GDT (the 64-bit boot protocol wants __BOOT_CS 0x10 and __BOOT_DS 0x18), runs
 * purgatory_main, then loads the table's registers and jumps to the table's rip. Everything is addressed
 * RIP-relative: the segment runs wherever the loader put it, with no relocations.
 *
 * With KBOOT_FLAG_PVH it enters a PVH entry instead (Xen's PVH ABI, Linux's arch/x86/platform/pvh/head.S): it
 * leaves long mode the way the SDM describes (a far return to a 32-bit code segment, paging off, EFER.LME off),
 * clears CR4 and jumps to the table's rip in 32-bit protected mode with flat segments, ebx and the other 32-bit
 * registers from the table, esp the purgatory's stack. The loader places the purgatory below 4 GiB for this.
 */
#include "kboot_table.h"

#define REG(n) (kboot_table + KBOOT_OFF_REGISTERS + 8 * (n))(%rip)

    .section .text.entry, "ax"
    .code64
    .globl purgatory_start
purgatory_start:
    jmp     start

    .balign KBOOT_TABLE_OFFSET
    .globl  kboot_table
    .hidden kboot_table
kboot_table:
    .ascii  KBOOT_TABLE_MAGIC
    .byte   0
    .long   KBOOT_TABLE_VERSION
    .long   KBOOT_TABLE_SIZE
    .fill   KBOOT_TABLE_SIZE - 16, 1, 0

start:
    cli
    cld
    leaq    stack_top(%rip), %rsp
    leaq    gdt(%rip), %rax
    movq    %rax, gdt_base(%rip)
    lgdt    gdt_limit(%rip)
    movl    $0x18, %eax
    movl    %eax, %ds
    movl    %eax, %es
    movl    %eax, %ss
    movl    %eax, %fs
    movl    %eax, %gs
    leaq    reloaded(%rip), %rax
    pushq   $0x10
    pushq   %rax
    lretq
reloaded:
    call    purgatory_main
    testl   $KBOOT_FLAG_PVH, (kboot_table + KBOOT_OFF_FLAGS)(%rip)
    jnz     pvh_exit

    movq    REG(1), %rbx
    movq    REG(2), %rcx
    movq    REG(3), %rdx
    movq    REG(4), %rsi
    movq    REG(5), %rdi
    movq    REG(7), %rbp
    movq    REG(8), %r8
    movq    REG(9), %r9
    movq    REG(10), %r10
    movq    REG(11), %r11
    movq    REG(12), %r12
    movq    REG(13), %r13
    movq    REG(14), %r14
    movq    REG(15), %r15
    movq    REG(6), %rsp
    movq    REG(0), %rax
    jmpq    *REG(16)

/*
 * The 32-bit frame compat32 pops, built on the purgatory's stack while RIP-relative addressing still works:
 * edi, esi, ebp, edx, ecx, eax, then the entry as the return address.
 */
pvh_exit:
    leaq    stack_top(%rip), %rsp
    movl    REG(16), %eax
    movl    %eax, -4(%rsp)
    movl    REG(0), %eax
    movl    %eax, -8(%rsp)
    movl    REG(2), %eax
    movl    %eax, -12(%rsp)
    movl    REG(3), %eax
    movl    %eax, -16(%rsp)
    movl    REG(7), %eax
    movl    %eax, -20(%rsp)
    movl    REG(4), %eax
    movl    %eax, -24(%rsp)
    movl    REG(5), %eax
    movl    %eax, -28(%rsp)
    subq    $28, %rsp
    movl    REG(1), %ebx
    leaq    compat32(%rip), %rax
    pushq   $0x08
    pushq   %rax
    lretq

    .code32
compat32:
    movl    $0x00000011, %eax                  /* CR0: PE and ET only; paging off leaves long mode */
    movl    %eax, %cr0
    movl    $0xc0000080, %ecx                  /* EFER: LME off */
    rdmsr
    andl    $~0x00000100, %eax
    wrmsr
    xorl    %eax, %eax
    movl    %eax, %cr4
    popl    %edi
    popl    %esi
    popl    %ebp
    popl    %edx
    popl    %ecx
    popl    %eax
    ret
    .code64

    .section .data
    .balign 16
gdt:
    .quad   0
    .quad   0x00cf9a000000ffff          /* 0x08: 32-bit code, 4 GiB flat (the PVH exit) */
    .quad   0x00af9a000000ffff          /* 0x10: 64-bit code, ring 0 */
    .quad   0x00cf92000000ffff          /* 0x18: data, 4 GiB flat */
gdt_end:
gdt_limit:
    .word   gdt_end - gdt - 1
gdt_base:
    .quad   0

    .section .bss
    .balign 16
stack:
    .skip   16384
stack_top:
    .globl  kboot_stack_top
    .hidden kboot_stack_top
kboot_stack_top:

    .section .note.GNU-stack, "", @progbits
