package org.kexec.runtime.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/** Fuzzes the ELF reader (header, program headers, notes, the PVH note): hostile files may only be refused. */
class ElfImageFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void elf(@NotNull byte[] bytes) {
        ElfImage elf;
        try {
            elf = ElfImage.parse(bytes);
        } catch (ImageFormatException refused) {
            return;
        }
        ImageInspection.lines(elf);
    }
}
