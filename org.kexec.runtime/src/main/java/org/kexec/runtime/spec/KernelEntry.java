package org.kexec.runtime.spec;

/** Which of the kernel's entry points the purgatory jumps to, and so what the loader builds for it. */
public enum KernelEntry implements Keyword {
    /**
     * The 64-bit boot protocol (Documentation/arch/x86/boot.rst): a bzImage's protected-mode kernel entered at its load
     * address + 0x200 in long mode, {@code rsi} pointing at boot_params. What every kexec loader does.
     */
    BOOT_PROTOCOL("boot-protocol"),
    /**
     * Xen's PVH entry, which Linux publishes in the ELF note {@code XEN_ELFNOTE_PHYS32_ENTRY}: the vmlinux's segments
     * at their physical addresses, entered in 32-bit protected mode with paging off, {@code ebx} pointing at an
     * {@code hvm_start_info} block.
     */
    PVH("pvh");

    private final String keyword;

    KernelEntry(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
