package org.kexec.runtime.rules;

/**
 * The numbers the kernel and Xen enforce on a kexec load, in one place so the language's validator and the
 * loader's planner cannot disagree. Sources: kernel/kexec_core.c {@code sanity_check_segment_list},
 * include/linux/kexec.h, arch/x86/kernel/kexec-bzimage64.c, xen/common/kexec.c.
 */
public final class KexecLimits {
    /** Segment addresses and sizes must be multiples of this (EADDRNOTAVAIL otherwise). */
    public static final long PAGE_SIZE = 4096;
    /** KEXEC_SEGMENT_MAX: Linux refuses more segments with EINVAL. */
    public static final int LINUX_MAX_SEGMENTS = 16;
    /** Xen refuses {@code nr_segments >= KEXEC_SEGMENT_MAX}, so at most 15. */
    public static final int XEN_MAX_SEGMENTS = 15;
    /** End of the low memory that Xen loads must cover with segments and that crash backups come from. */
    public static final long LOW_MEMORY_END = 0x100000;
    /** Crash backup regions are copied in whole KiB (kexec-tools aligns them to 1 KiB). */
    public static final long BACKUP_GRANULE = 1024;
    /**
     * E820_MAX_ENTRIES (arch/x86/include/asm/e820/types.h): 128 + 3 × MAX_NUMNODES, 3200 with Debian's
     * CONFIG_NODES_SHIFT=10; the kernel ignores entries past it ("e820: too many entries"). Kernels built for fewer
     * NUMA nodes keep fewer.
     */
    public static final int E820_MAX_ENTRIES = 3200;

    private KexecLimits() {
    }
}
