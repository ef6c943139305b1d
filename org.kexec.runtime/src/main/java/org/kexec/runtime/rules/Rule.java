package org.kexec.runtime.rules;

import java.util.Locale;

/**
 * Every rule that both the language's validator and the loader apply, by name. A {@link Violation} carries its
 * rule; the validator reports it with the rule's {@link #code()} as its issue code, the planner and the loader refuse
 * with the same message, so {@code kbootc check}, {@code plan} and {@code load} cannot disagree on a verdict.
 */
public enum Rule {
    /** The file is not a kernel kboot can read: too short, no boot sector or header, setup or payload outside it. */
    KERNEL_FORMAT,
    /** The EFI stub's PE/COFF headers or certificate table are damaged. */
    KERNEL_PE_HEADERS,
    /** Boot protocol older than 2.12, which the 64-bit entry kboot and the kernel use needs. */
    KERNEL_PROTOCOL,
    /** LOADED_HIGH clear: a zImage. */
    KERNEL_ZIMAGE,
    /** No 64-bit entry point, or not loadable above 4 GiB (the bzImage64 probes of the kernel and kexec-tools). */
    KERNEL_NOT_64BIT,
    /** Not relocatable and not placed at its preferred address. */
    KERNEL_NOT_RELOCATABLE,
    /** kernel_alignment zero or not a power of two. */
    KERNEL_ALIGNMENT,
    /** init_size smaller than the protected-mode kernel it must hold. */
    KERNEL_INIT_SIZE,
    /** cmdline_size zero: no command line fits. */
    KERNEL_CMDLINE_SIZE,
    /** A boot with {@code entry pvh} whose kernel publishes no PVH entry (Xen's note 18). */
    KERNEL_NO_PVH,
    /** An entry the boot's target or load mode cannot use: PVH through kexec_file_load or Xen. */
    ENTRY_UNSUPPORTED,
    /** A pinned digest does not match the file. */
    DIGEST_MISMATCH,
    /** A required signature is missing or does not verify. */
    SIGNATURE,
    /** A trust anchor's certificate cannot be read or is not an X.509 certificate. */
    TRUST_ANCHOR,
    /** An image file cannot be used: missing, unreadable, not a regular file, too large. */
    IMAGE_FILE,
    /** A path's {release} and the image's release selector do not go together, or an initrd has no kernel release to follow. */
    IMAGE_RELEASE,
    /** The command line holds a byte the kernel would cut or misread. */
    CMDLINE_CHARACTER,
    /** The command line does not fit the kernel's cmdline_size with what the loader adds. */
    CMDLINE_TOO_LONG,
    /** More segments than Linux or Xen take. */
    SEGMENT_COUNT,
    /** A segment not on whole pages, or beyond what the kernel can map, or with more bytes than memory. */
    SEGMENT_SHAPE,
    /** Two segments overlap. */
    SEGMENT_OVERLAP,
    /** The load takes more than half of RAM. */
    HALF_OF_RAM,
    /** A crash load on a host without a crash region (crashkernel=). */
    NO_CRASH_REGION,
    /** A crash load with a segment or the entry outside the crash region. */
    CRASH_REGION,
    /** A segment outside System RAM. */
    OUTSIDE_RAM,
    /** No free memory where a segment must go, or a fixed address that is taken or not usable. */
    NO_ROOM,
    /** A fixed kernel address off the kernel's kernel_alignment. */
    KERNEL_PLACEMENT,
    /** Initrds placed to end above the kernel's initrd_addr_max. */
    INITRD_ABOVE_LIMIT,
    /** Fixed initrd addresses that leave gaps in the one ramdisk the kernel takes. */
    INITRD_GAP,
    /** A memory map with more e820 entries than the kernel keeps. */
    E820_TOO_MANY;

    /** The issue code diagnostics carry, e.g. {@code kernel-not-64bit}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
