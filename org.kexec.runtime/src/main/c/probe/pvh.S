/*
 * The probe's PVH entry, for the ELF build (kboot-probe.elf), which is linked at its load address: Xen's PVH ABI
 * enters here in 32-bit protected mode, paging off, ebx pointing at the hvm_start_info block, with no stack. It
 * stores the 32-bit registers and CR0, CR4 and EFER as they arrived, identity-maps the first 4 GiB with 2 MiB pages,
 * enters long mode and reports through probe_main like the 64-bit entry. The note below publishes the entry
 * (XEN_ELFNOTE_PHYS32_ENTRY, Xen's public/elfnote.h), as Linux's arch/x86/platform/pvh/head.S does.
 */
#define EFER        0xc0000080
#define EFER_LME    0x100
#define CR0_PE      0x1
#define CR0_MP      0x2
#define CR0_PG      0x80000000
#define CR4_PAE     0x20
#define CR4_OSFXSR  0x200
#define CR4_OSXMM   0x400

    .section .text.pvh, "ax"
    .code32
    .globl  probe_pvh_entry
probe_pvh_entry:
    movl    %eax, entry_registers + 0
    movl    %ebx, entry_registers + 8
    movl    %ecx, entry_registers + 16
    movl    %edx, entry_registers + 24
    movl    %esi, entry_registers + 32
    movl    %edi, entry_registers + 40
    movl    %esp, entry_registers + 48
    movl    %ebp, entry_registers + 56
    movl    $probe_pvh_entry, entry_registers + 128
    movl    %cr0, %eax
    movl    %eax, pvh_control + 0
    movl    %cr4, %eax
    movl    %eax, pvh_control + 8
    movl    $EFER, %ecx
    rdmsr
    movl    %eax, pvh_control + 16
    movl    %edx, pvh_control + 20
    movl    $1, entered_through_pvh

    /* 2048 2 MiB pages (PS | RW | P) in four page directories, then the PDPT and PML4 pointing at them. */
    xorl    %ecx, %ecx
1:  movl    %ecx, %eax
    shll    $21, %eax
    orl     $0x83, %eax
    movl    %ecx, %edx
    shrl    $11, %edx
    movl    %eax, pvh_pd(, %ecx, 8)
    movl    %edx, pvh_pd + 4(, %ecx, 8)
    incl    %ecx
    cmpl    $2048, %ecx
    jb      1b
    xorl    %ecx, %ecx
2:  movl    %ecx, %eax
    shll    $12, %eax
    addl    $pvh_pd + 3, %eax
    movl    %eax, pvh_pdpt(, %ecx, 8)
    incl    %ecx
    cmpl    $4, %ecx
    jb      2b
    movl    $pvh_pdpt + 3, pvh_pml4

    movl    $pvh_pml4, %eax
    movl    %eax, %cr3
    movl    $(CR4_PAE | CR4_OSFXSR | CR4_OSXMM), %eax
    movl    %eax, %cr4
    movl    $EFER, %ecx
    rdmsr
    orl     $EFER_LME, %eax
    wrmsr
    movl    $(CR0_PG | CR0_MP | CR0_PE), %eax
    movl    %eax, %cr0
    lgdt    pvh_gdt_descriptor
    ljmp    $0x10, $pvh_long_mode

    .code64
pvh_long_mode:
    movl    $0x18, %eax
    movl    %eax, %ds
    movl    %eax, %es
    movl    %eax, %ss
    leaq    pvh_stack_top(%rip), %rsp
    call    probe_main
1:  cli
    hlt
    jmp     1b

    .section .data
    .balign 16
pvh_gdt:
    .quad   0
    .quad   0
    .quad   0x00af9a000000ffff          /* 0x10: 64-bit code */
    .quad   0x00cf92000000ffff          /* 0x18: data, 4 GiB flat */
pvh_gdt_descriptor:
    .word   pvh_gdt_descriptor - pvh_gdt - 1
    .long   pvh_gdt

    .section .bss
    .balign 4096
pvh_pml4:
    .skip   4096
pvh_pdpt:
    .skip   4096
pvh_pd:
    .skip   4 * 4096
    .balign 16
    .skip   16384
pvh_stack_top:

    .section .note.Xen, "a", @note
    .balign 4
    .long   4                           /* namesz */
    .long   4                           /* descsz */
    .long   18                          /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz  "Xen"
    .long   probe_pvh_entry

    .section .note.GNU-stack, "", @progbits
