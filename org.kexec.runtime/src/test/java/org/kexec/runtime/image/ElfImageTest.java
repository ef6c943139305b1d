package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The ELF reader: a vmlinux's segments and PVH note, the one inside Debian's real bzImage, and every damaged field
 * refused with the field's name.
 */
class ElfImageTest {

    @Test
    void readsSegmentsAndThePvhEntry() throws Exception {
        ElfImage elf = ElfImage.parse(ElfImages.vmlinux());
        assertEquals(0x1000000L, elf.entry());
        assertEquals(List.of(new ElfImage.Segment(ElfImage.PT_LOAD, 0x1000, 0xffffffff81000000L, 0x1000000, 0x2000, 0x2000, 5),
                new ElfImage.Segment(ElfImage.PT_LOAD, 0x3000, 0xffffffff81002000L, 0x1002000, 0x1000, 0x2000, 6)), elf.loadSegments());
        assertEquals(Optional.of((long) ElfImages.PVH_ENTRY), elf.pvhEntry());
        assertEquals(List.of(
                "ELF                 ELF64 x86-64 EXEC, entry 0x1000000, 2 PT_LOAD segments, 1 notes",
                "  PT_LOAD  paddr 0x1000000    vaddr 0xffffffff81000000   filesz 0x2000      memsz 0x2000      R-X",
                "  PT_LOAD  paddr 0x1002000    vaddr 0xffffffff81002000   filesz 0x1000      memsz 0x2000      RW-",
                "  note     Xen   PHYS32_ENTRY (PVH)     0x1000850",
                "PVH entry           0x1000850"), ImageInspection.lines(elf));
    }

    @Test
    void theVmlinuxInsideDebiansKernel() throws Exception {
        BzImage debian = BzImage.parse(Files.readAllBytes(DebianKernels.fetch("unsigned").path()));
        assertEquals(Compression.XZ, debian.compression());
        ElfImage vmlinux = KernelPayload.vmlinux(debian);
        assertEquals(0x1000000L, vmlinux.entry());
        assertEquals(4, vmlinux.loadSegments().size());
        assertEquals(0x1000000L, vmlinux.loadSegments().get(0).paddr());
        long pvh = vmlinux.pvhEntry().orElseThrow();
        assertEquals(true, pvh > 0x1000000L && pvh < 0x1000000L + vmlinux.loadSegments().get(0).memsz(),
                "the PVH entry lies in the first segment: " + Long.toHexString(pvh));
    }

    private static String refused(Consumer<ByteBuffer> damage) {
        byte[] bytes = ElfImages.vmlinux();
        damage.accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        return assertThrows(ImageFormatException.class, () -> ElfImage.parse(bytes)).getMessage();
    }

    @Test
    void damagedFieldsAreNamed() {
        assertEquals("ELF header: the file has 63 bytes, fewer than the 64 an ELF64 header needs",
                assertThrows(ImageFormatException.class, () -> ElfImage.parse(Arrays.copyOf(ElfImages.vmlinux(), 63))).getMessage());
        assertEquals("e_ident[EI_CLASS]: 1, not ELFCLASS64 (2): kboot boots 64-bit kernels", refused(elf -> elf.put(4, (byte) 1)));
        assertEquals("e_machine: 3, not x86-64 (62)", refused(elf -> elf.putShort(18, (short) 3)));
        assertEquals("e_type: 1, not an executable (2) or a position-independent one (3)", refused(elf -> elf.putShort(16, (short) 1)));
        assertEquals("e_phnum: 65 program headers, more than the 64 any kernel has", refused(elf -> elf.putShort(56, (short) 65)));
        assertEquals("e_phnum: 0 program headers: nothing to load", refused(elf -> elf.putShort(56, (short) 0)));
        assertEquals("e_phoff: the program headers at 0x3fe0 (3 of 56 bytes) end past the file's 16384 bytes",
                refused(elf -> elf.putLong(32, 0x3fe0)));
        assertEquals("program header 0: p_offset 0x3fff + p_filesz 0x2000 end past the file's 16384 bytes",
                refused(elf -> elf.putLong(ElfImages.PHOFF + 8, 0x3fff)));
        assertEquals("program header 1: p_filesz 0x1000 is more than p_memsz 0x800",
                refused(elf -> elf.putLong(ElfImages.PHOFF + 56 + 40, 0x800)));
        assertEquals("program header 0: p_paddr 0xfffffffffffff000 + p_memsz 0x2000 wraps around the address space",
                refused(elf -> elf.putLong(ElfImages.PHOFF + 24, 0xfffffffffffff000L)));
        assertEquals("program headers: the PT_LOAD segments at physical 0x1000000 and 0x1001000 overlap",
                refused(elf -> elf.putLong(ElfImages.PHOFF + 56 + 24, 0x1001000)));
        assertEquals("program header 2: the note at file offset 0x200 (name 4 bytes, descriptor 4096 bytes) ends past its PT_NOTE"
                + " segment", refused(elf -> elf.putInt(ElfImages.NOTES + 4, 4096)));
    }
}
