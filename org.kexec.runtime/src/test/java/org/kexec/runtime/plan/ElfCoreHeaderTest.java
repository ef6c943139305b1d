package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.spec.CrashSpec;

class ElfCoreHeaderTest {

    @Test
    void describesTheCrashedKernelsMemory() {
        CrashSources sources = new CrashSources(List.of(new long[] {0x3fc1c000L, 0x400}, new long[] {0x3fc1d000L, 0x400}),
                Optional.of(new long[] {0x1e9fe000L, 0x1024}), Optional.of(new long[] {0xffffffffb3000000L, 0x33000000L, 0x3600000}));
        byte[] header = ElfCoreHeader.build(MemoryProfiles.load("qemu-1g"), sources, CrashSpec.BackupRegion.LOW_640K, 0x32f57000L);
        ByteBuffer elf = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464c457f, elf.getInt(0), "\\x7fELF");
        assertEquals(2, elf.get(4), "ELFCLASS64");
        assertEquals(4, elf.getShort(16), "ET_CORE");
        assertEquals(62, elf.getShort(18), "EM_X86_64");
        assertEquals(64, elf.getLong(32), "e_phoff");
        assertEquals(7, elf.getShort(56), "e_phnum: 2 CPU notes, vmcoreinfo, kernel text, backup, RAM below and above"
                + " the crash region");
        assertEquals(64 + 7 * 56, header.length);
        assertEquals("4 0x3fc1c000 0x0 0x3fc1c000 0x400", phdr(elf, 0));
        assertEquals("4 0x1e9fe000 0x0 0x1e9fe000 0x1024", phdr(elf, 2));
        assertEquals("1 0x33000000 0xffffffffb3000000 0x33000000 0x3600000", phdr(elf, 3));
        assertEquals("1 0x32f57000 0xffff888000000000 0x0 0xa0000", phdr(elf, 4));
        assertEquals("1 0x100000 0xffff888000100000 0x100000 0x22f00000", phdr(elf, 5));
        assertEquals("1 0x33000000 0xffff888033000000 0x33000000 0xcfe0000", phdr(elf, 6));
    }

    /** {@code type offset vaddr paddr size} of program header {@code index}. */
    private static String phdr(ByteBuffer elf, int index) {
        int at = 64 + index * 56;
        return elf.getInt(at) + " 0x" + Long.toHexString(elf.getLong(at + 8)) + " 0x" + Long.toHexString(elf.getLong(at + 16))
                + " 0x" + Long.toHexString(elf.getLong(at + 24)) + " 0x" + Long.toHexString(elf.getLong(at + 32));
    }

    @Test
    void readsCrashNotesFromSysfs(@TempDir Path sys) throws Exception {
        for (int cpu = 0; cpu < 2; cpu++) {
            Path folder = Files.createDirectories(sys.resolve("devices/system/cpu/cpu" + cpu));
            Files.writeString(folder.resolve("crash_notes"), Long.toHexString(0x3fc1c000L + cpu * 0x1000L) + "\n");
            Files.writeString(folder.resolve("crash_notes_size"), "1024\n");
        }
        Files.createDirectories(sys.resolve("kernel"));
        Files.writeString(sys.resolve("kernel/vmcoreinfo"), "0x000000001e9fe000 1024\n");
        ByteBuffer kcore = ByteBuffer.allocate(64 + 2 * 56).order(ByteOrder.LITTLE_ENDIAN);
        kcore.putInt(0, 0x464c457f).put(4, (byte) 2).putLong(32, 64).putShort(54, (short) 56).putShort(56, (short) 2);
        kcore.putInt(64, 1).putLong(64 + 16, 0xffff888000000000L).putLong(64 + 24, 0).putLong(64 + 40, 0x40000000L);
        kcore.putInt(120, 1).putLong(120 + 16, 0xffffffffb3000000L).putLong(120 + 24, 0x33000000L).putLong(120 + 40, 0x3600000);
        Files.write(sys.resolve("kcore"), kcore.array());
        CrashSources sources = CrashSources.read(sys, sys.resolve("kcore"));
        assertEquals(List.of(0xffffffffb3000000L, 0x33000000L, 0x3600000L),
                java.util.Arrays.stream(sources.kernelText().orElseThrow()).boxed().toList());
        assertEquals(2, sources.cpuNotes().size());
        assertEquals(0x3fc1d000L, sources.cpuNotes().get(1)[0]);
        assertEquals(1024, sources.cpuNotes().get(1)[1]);
        assertEquals(0x1e9fe000L, sources.vmcoreinfo().orElseThrow()[0]);
        assertEquals(0x1024, sources.vmcoreinfo().orElseThrow()[1]);
    }
}
