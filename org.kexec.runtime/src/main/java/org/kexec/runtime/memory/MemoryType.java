package org.kexec.runtime.memory;

/** What a physical range is, as /proc/iomem and /sys/firmware/memmap name it. */
public enum MemoryType {
    /** "System RAM": usable by the kernel, so by segments. */
    RAM,
    /** "reserved": firmware, BIOS areas, holes. */
    RESERVED,
    /** "ACPI Tables". */
    ACPI,
    /** "ACPI Non-volatile Storage". */
    NVS,
    /** "Persistent Memory" and "Persistent Memory (legacy)". */
    PERSISTENT,
    /** Anything else at the top level: PCI windows, device BARs. */
    OTHER;

    /** The type of a top-level /proc/iomem name, following kexec-tools' matching. */
    public static MemoryType ofIomemName(String name) {
        if (name.startsWith("System RAM")) {
            return RAM;
        }
        if (name.equals("reserved") || name.equals("Reserved")) {
            return RESERVED;
        }
        if (name.equals("ACPI Tables")) {
            return ACPI;
        }
        if (name.equals("ACPI Non-volatile Storage")) {
            return NVS;
        }
        if (name.startsWith("Persistent Memory")) {
            return PERSISTENT;
        }
        return OTHER;
    }
}
