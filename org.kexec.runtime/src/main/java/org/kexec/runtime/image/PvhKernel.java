package org.kexec.runtime.image;

/**
 * A kernel booted through its PVH entry: the ELF vmlinux (a file of its own, or the payload of a bzImage) whose
 * PT_LOAD segments go to their physical addresses, and the 32-bit entry its {@code XEN_ELFNOTE_PHYS32_ENTRY} note
 * publishes.
 *
 * @param vmlinux     the parsed ELF
 * @param bytes       the ELF file's bytes, which the segments are cut from (shared, never modified)
 * @param entry       the PVH entry's physical address
 * @param cmdlineSize the kernel's longest command line with its NUL: the bzImage's {@code cmdline_size}, or Linux's
 *                    {@code COMMAND_LINE_SIZE} (2048) for a vmlinux file
 */
public record PvhKernel(ElfImage vmlinux, byte[] bytes, long entry, long cmdlineSize) implements BootKernel {

    /** x86's COMMAND_LINE_SIZE (arch/x86/include/uapi/asm/setup.h, via asm-generic): what a vmlinux file takes. */
    public static final long COMMAND_LINE_SIZE = 2048;

    /**
     * The bytes a PT_LOAD's kexec segment carries when it starts at {@code mem}, at or below {@code p_paddr}: zeros up
     * to {@code p_paddr}, then its {@code p_filesz} bytes from the file (the rest of {@code p_memsz} is zero fill).
     */
    public byte[] segmentBytes(ElfImage.Segment segment, long mem) {
        int lead = (int) (segment.paddr() - mem);
        byte[] buf = new byte[lead + (int) segment.filesz()];
        System.arraycopy(bytes, (int) segment.offset(), buf, lead, (int) segment.filesz());
        return buf;
    }
}
