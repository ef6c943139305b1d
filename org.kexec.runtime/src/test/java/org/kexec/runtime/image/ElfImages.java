package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Synthetic ELF kernels for tests, laid out as Linux's vmlinux is: two PT_LOAD segments from physical 16 MiB and a
 * PT_NOTE with Xen's PVH entry note.
 */
public final class ElfImages {

    /** The PVH entry the note publishes. */
    public static final int PVH_ENTRY = 0x1000850;
    /** Where the program headers start. */
    public static final int PHOFF = 64;
    /** Where the note segment starts. */
    public static final int NOTES = 0x200;
    /** Where the first PT_LOAD's bytes start. */
    public static final int TEXT = 0x1000;

    private ElfImages() {
    }

    /** A 16 KiB ELF64 x86-64 executable: PT_LOAD 0x1000000 (8 KiB), PT_LOAD 0x1002000 (4 KiB of 8 KiB), PT_NOTE. */
    public static byte[] vmlinux() {
        ByteBuffer elf = ByteBuffer.allocate(0x4000).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(0, (byte) 0x7f).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
        elf.put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        elf.putShort(16, (short) ElfImage.ET_EXEC).putShort(18, (short) ElfImage.EM_X86_64).putInt(20, 1);
        elf.putLong(24, 0x1000000L).putLong(32, PHOFF).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 3);
        programHeader(elf, 0, ElfImage.PT_LOAD, 5, TEXT, 0xffffffff81000000L, 0x1000000L, 0x2000, 0x2000);
        programHeader(elf, 1, ElfImage.PT_LOAD, 6, TEXT + 0x2000, 0xffffffff81002000L, 0x1002000L, 0x1000, 0x2000);
        programHeader(elf, 2, ElfImage.PT_NOTE, 4, NOTES, 0, 0, 20, 20);
        elf.putInt(NOTES, 4).putInt(NOTES + 4, 4).putInt(NOTES + 8, ElfImage.XEN_ELFNOTE_PHYS32_ENTRY);
        elf.put(NOTES + 12, (byte) 'X').put(NOTES + 13, (byte) 'e').put(NOTES + 14, (byte) 'n');
        elf.putInt(NOTES + 16, PVH_ENTRY);
        return elf.array();
    }

    /** Writes program header {@code index} of an ELF built by {@link #vmlinux}. */
    public static void programHeader(ByteBuffer elf, int index, int type, int flags, long offset, long vaddr, long paddr,
                                     long filesz, long memsz) {
        int at = PHOFF + index * 56;
        elf.putInt(at, type).putInt(at + 4, flags).putLong(at + 8, offset).putLong(at + 16, vaddr).putLong(at + 24, paddr)
                .putLong(at + 32, filesz).putLong(at + 40, memsz).putLong(at + 48, 0x1000);
    }
}
