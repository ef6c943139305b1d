package org.kexec.runtime.spec;

import java.util.Locale;

/**
 * The x86-64 registers a purgatory loads before it jumps to the next kernel: the 16 general-purpose
 * registers and {@code rip}. The 64-bit boot protocol needs {@code rsi} = boot_params and {@code rip} = the
 * kernel's 64-bit entry (load address + 0x200); kexec-tools and Linux also clear {@code rbx}.
 */
public enum Register implements Keyword {
    RAX, RBX, RCX, RDX, RSI, RDI, RSP, RBP, R8, R9, R10, R11, R12, R13, R14, R15, RIP;

    /** The name in specs: {@code rsi}. */
    @Override
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The register with this keyword, or null. */
    public static Register byKeyword(String keyword) {
        return Keyword.lookup(Register.class, keyword);
    }
}
