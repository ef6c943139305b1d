package org.kexec.runtime.image;

import java.util.Arrays;

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

    /** The bytes of one PT_LOAD segment in the file ({@code p_filesz} of them; the rest of {@code p_memsz} is zero). */
    public byte[] segmentBytes(ElfImage.Segment segment) {
        return Arrays.copyOfRange(bytes, (int) segment.offset(), (int) (segment.offset() + segment.filesz()));
    }
}
