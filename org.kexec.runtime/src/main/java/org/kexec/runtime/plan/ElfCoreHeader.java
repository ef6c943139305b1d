package org.kexec.runtime.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;
import org.kexec.runtime.spec.CrashSpec;

/**
 * The ELF64 core header a crash kernel finds through {@code elfcorehdr=} and serves as /proc/vmcore: one PT_NOTE
 * per CPU and one for vmcoreinfo, a PT_LOAD for the kernel text mapping, then one PT_LOAD per range of the crashed
 * kernel's RAM (the crash region left out), with the backed-up low memory pointing at its copy (kexec-tools' crashdump-elf.c; the kernel's crash.c).
 * In the header, a PT_NOTE's and PT_LOAD's {@code p_offset} is a physical address.
 */
public final class ElfCoreHeader {
    /** PAGE_OFFSET of x86-64 with 4-level paging since Linux 4.20 (the direct map of all RAM). */
    public static final long PAGE_OFFSET = 0xffff888000000000L;
    /** kexec-tools reserves at least this much for the header (room for hot-plugged CPUs and memory). */
    public static final long MIN_SEGMENT_SIZE = 16 * 1024;

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    private static final int PF_RWX = 7;

    private ElfCoreHeader() {
    }

    /** The PT_LOAD ranges: RAM outside the crash regions, each {@code [first, last]}. */
    static List<long[]> dumpedRanges(MemoryMap memory) {
        List<long[]> ranges = new ArrayList<>();
        for (MemoryRange range : memory.ranges()) {
            if (range.type() != MemoryType.RAM) {
                continue;
            }
            List<long[]> pieces = new ArrayList<>(List.of(new long[] {range.first(), range.last()}));
            for (MemoryRange crash : memory.crashRegions()) {
                List<long[]> cut = new ArrayList<>();
                for (long[] piece : pieces) {
                    if (crash.last() < piece[0] || crash.first() > piece[1]) {
                        cut.add(piece);
                        continue;
                    }
                    if (piece[0] < crash.first()) {
                        cut.add(new long[] {piece[0], crash.first() - 1});
                    }
                    if (crash.last() < piece[1]) {
                        cut.add(new long[] {crash.last() + 1, piece[1]});
                    }
                }
                pieces = cut;
            }
            ranges.addAll(pieces);
        }
        return ranges;
    }

    /**
     * The PT_LOADs of RAM outside the crash regions, {@code [address, size]} each, with the backed-up low memory
     * cut out (its own PT_LOAD points at the copy).
     */
    static List<long[]> ramLoads(MemoryMap memory, CrashSpec.BackupRegion backup) {
        List<long[]> loads = new ArrayList<>();
        for (long[] range : dumpedRanges(memory)) {
            long first = range[0];
            long last = range[1];
            if (backup != null && first < backup.source() + backup.size()) {
                first = Math.max(first, backup.source() + backup.size());
            }
            if (first <= last) {
                loads.add(new long[] {first, last - first + 1});
            }
        }
        return loads;
    }

    /** Bytes of the header. */
    static int size(MemoryMap memory, CrashSources sources, CrashSpec.BackupRegion backup) {
        int phnum = sources.cpuNotes().size() + (sources.vmcoreinfo().isPresent() ? 1 : 0)
                + (sources.kernelText().isPresent() ? 1 : 0) + (backup != null ? 1 : 0) + ramLoads(memory, backup).size();
        return EHDR_SIZE + PHDR_SIZE * phnum;
    }

    /**
     * Builds the header.
     *
     * @param backup     low memory saved by the purgatory, or null for none
     * @param backupCopy physical address of its copy in the crash region
     */
    static byte[] build(MemoryMap memory, CrashSources sources, CrashSpec.BackupRegion backup, long backupCopy) {
        int size = size(memory, sources, backup);
        int phnum = (size - EHDR_SIZE) / PHDR_SIZE;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */, 0});
        elf.position(16);
        elf.putShort((short) 4);        // e_type ET_CORE
        elf.putShort((short) 62);       // e_machine EM_X86_64
        elf.putInt(1);                  // e_version
        elf.putLong(0);                 // e_entry
        elf.putLong(EHDR_SIZE);         // e_phoff
        elf.putLong(0);                 // e_shoff
        elf.putInt(0);                  // e_flags
        elf.putShort((short) EHDR_SIZE);
        elf.putShort((short) PHDR_SIZE);
        elf.putShort((short) phnum);
        elf.putShort((short) 0);        // e_shentsize
        elf.putShort((short) 0);        // e_shnum
        elf.putShort((short) 0);        // e_shstrndx
        for (long[] note : sources.cpuNotes()) {
            phdr(elf, PT_NOTE, 0, note[0], 0, note[0], note[1]);
        }
        sources.vmcoreinfo().ifPresent(info -> phdr(elf, PT_NOTE, 0, info[0], 0, info[0], info[1]));
        sources.kernelText().ifPresent(text -> phdr(elf, PT_LOAD, PF_RWX, text[1], text[0], text[1], text[2]));
        if (backup != null) {
            phdr(elf, PT_LOAD, PF_RWX, backupCopy, PAGE_OFFSET + backup.source(), backup.source(), backup.size());
        }
        for (long[] load : ramLoads(memory, backup)) {
            phdr(elf, PT_LOAD, PF_RWX, load[0], PAGE_OFFSET + load[0], load[0], load[1]);
        }
        return elf.array();
    }

    private static void phdr(ByteBuffer elf, int type, int flags, long offset, long vaddr, long paddr, long size) {
        elf.putInt(type);
        elf.putInt(flags);
        elf.putLong(offset);
        elf.putLong(vaddr);
        elf.putLong(paddr);
        elf.putLong(size);
        elf.putLong(size);
        elf.putLong(0);                 // p_align
    }
}
