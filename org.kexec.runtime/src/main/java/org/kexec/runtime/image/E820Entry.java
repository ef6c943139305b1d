package org.kexec.runtime.image;

import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;

/**
 * One entry of the e820 memory map a loader hands the next kernel ({@code struct boot_e820_entry}: u64 addr,
 * u64 size, u32 type; 20 bytes, packed).
 */
public record E820Entry(long address, long size, int type) {
    // Types from arch/x86/include/asm/e820/types.h.
    public static final int RAM = 1;
    public static final int RESERVED = 2;
    public static final int ACPI = 3;
    public static final int NVS = 4;
    public static final int PMEM = 7;
    public static final int SIZE = 20;

    /** The entry for a memory-map range, or null for ranges the kernel is not told about (PCI windows, devices). */
    public static E820Entry of(MemoryRange range) {
        int type = switch (range.type()) {
            case RAM -> RAM;
            case RESERVED -> RESERVED;
            case ACPI -> ACPI;
            case NVS -> NVS;
            case PERSISTENT -> PMEM;
            case OTHER -> 0;
        };
        return type == 0 ? null : new E820Entry(range.first(), range.size(), type);
    }
}
