package org.kexec.runtime.spec;

/** Addresses a register can name before they are known; the loader resolves them from its segment plan. */
public enum RegisterSymbol implements Keyword {
    /** Physical address of the boot_params ("zero page") the loader builds. */
    BOOT_PARAMS("boot_params"),
    /** The kernel's entry point: its load address + 0x200 (64-bit boot protocol), or its PVH entry. */
    KERNEL_ENTRY("kernel_entry"),
    /** Physical address of the {@code hvm_start_info} block a PVH boot's loader builds. */
    START_INFO("start_info"),
    /** Top of the stack inside the purgatory segment. */
    PURGATORY_STACK("purgatory_stack"),
    /** Physical address of the kernel command line. */
    CMDLINE_ADDRESS("cmdline_address"),
    /** Physical address of the first initrd (0 when there is none). */
    INITRD_ADDRESS("initrd_address");

    private final String keyword;

    RegisterSymbol(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    /** The symbol with this keyword, or null. */
    public static RegisterSymbol byKeyword(String keyword) {
        return Keyword.lookup(RegisterSymbol.class, keyword);
    }
}
