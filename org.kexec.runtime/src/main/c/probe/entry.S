/*
 * The probe's entry points. The 64-bit one (load address + 0x200, as the boot protocol says) first stores every
 * register exactly as it arrived, addressing memory RIP-relative so that nothing, not even the stack, is needed;
 * then it takes its own stack and reports.
 */
    .section .text.entry32, "ax"
    .code32
probe_entry32:                          /* the 32-bit protocol is not supported: stop */
    cli
1:  hlt
    jmp     1b

    .section .text.entry64, "ax"
    .code64
    .globl  probe_entry64
probe_entry64:
    movq    %rax, entry_registers +   0(%rip)
    movq    %rbx, entry_registers +   8(%rip)
    movq    %rcx, entry_registers +  16(%rip)
    movq    %rdx, entry_registers +  24(%rip)
    movq    %rsi, entry_registers +  32(%rip)
    movq    %rdi, entry_registers +  40(%rip)
    movq    %rsp, entry_registers +  48(%rip)
    movq    %rbp, entry_registers +  56(%rip)
    movq    %r8,  entry_registers +  64(%rip)
    movq    %r9,  entry_registers +  72(%rip)
    movq    %r10, entry_registers +  80(%rip)
    movq    %r11, entry_registers +  88(%rip)
    movq    %r12, entry_registers +  96(%rip)
    movq    %r13, entry_registers + 104(%rip)
    movq    %r14, entry_registers + 112(%rip)
    movq    %r15, entry_registers + 120(%rip)
    leaq    probe_entry64(%rip), %rax
    movq    %rax, entry_registers + 128(%rip)  /* rip: where we were entered */
    cli
    cld
    leaq    stack_top(%rip), %rsp
    call    probe_main
1:  cli
    hlt
    jmp     1b

    .section .bss
    .balign 8
    .globl  entry_registers
    .hidden entry_registers
entry_registers:
    .skip   17 * 8
    .balign 16
    .skip   16384
stack_top:

    .section .note.GNU-stack, "", @progbits
