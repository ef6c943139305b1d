package org.kexec.runtime.purgatory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.SerialConsole;

class PurgatoryTableTest {

    /** The values table_harness.c writes through the C struct. */
    static PurgatoryTable harnessValues() {
        byte[] digest = new byte[48];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (0xa0 + i);
        }
        Map<Register, Long> registers = new EnumMap<>(Register.class);
        for (Register register : Register.values()) {
            registers.put(register, 0x0101010101010101L * (register.ordinal() + 1));
        }
        return new PurgatoryTable(HashAlgorithm.SHA384, digest,
                List.of(new long[] {0x1000000, 0x1000}, new long[] {0x2000000, 0x2000}, new long[] {0x3000000, 0x3000}),
                registers, Optional.of(new long[] {0, 0x32f57000L, 0xa0000}), Optional.of(new SerialConsole(0x3f8, 115200)), true);
    }

    @Test
    void javaAndCLayTheTableOutAlike() throws Exception {
        byte[] c = PurgatoryHarness.run("kboot-table", new byte[0]);
        assertEquals(PurgatoryTable.SIZE, c.length);
        assertArrayEquals(c, harnessValues().bytes());
    }

    @Test
    void theBundledPurgatoryCarriesAnEmptyTable() {
        PurgatoryImage purgatory = PurgatoryImage.bundled();
        assertEquals("KBOOTPT\0", new String(purgatory.blob(), PurgatoryTable.OFFSET, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, purgatory.entryOffset());
        assertEquals(0, purgatory.memsz() % 4096);
        assertEquals(true, purgatory.stackTopOffset() > purgatory.blob().length, "the stack is in the bss");
        byte[] filled = harnessValues().writeInto(purgatory.blob());
        assertArrayEquals(harnessValues().bytes(), java.util.Arrays.copyOfRange(filled, PurgatoryTable.OFFSET,
                PurgatoryTable.OFFSET + PurgatoryTable.SIZE));
        assertEquals(purgatory.blob()[0], filled[0], "the code is untouched");
    }

    @Test
    void readsBackTheTableAFilledPurgatoryCarries() {
        PurgatoryTable read = PurgatoryTable.readFrom(harnessValues().writeInto(PurgatoryImage.bundled().blob()));
        assertArrayEquals(harnessValues().bytes(), read.bytes());
        assertEquals(HashAlgorithm.SHA384, read.hash());
        assertEquals(List.of("0x2000000+0x2000"), read.regions().subList(1, 2).stream().map(r -> "0x" + Long.toHexString(r[0])
                + "+0x" + Long.toHexString(r[1])).toList());
        assertEquals(0x32f57000L, read.backup().orElseThrow()[1]);
        assertEquals(Optional.of(new SerialConsole(0x3f8, 115200)), read.console());
        PurgatoryTable empty = PurgatoryTable.readFrom(PurgatoryImage.bundled().blob());
        assertEquals(HashAlgorithm.NONE, empty.hash());
        assertEquals(List.of(), empty.regions());
    }

    @Test
    void refusesWhatIsNotAPurgatory() {
        assertEquals("no purgatory table at 64: not a kboot purgatory",
                assertThrows(IllegalArgumentException.class, () -> PurgatoryTable.readFrom(new byte[4096])).getMessage());
        assertEquals("no purgatory table at 64: not a kboot purgatory",
                assertThrows(IllegalArgumentException.class, () -> PurgatoryTable.readFrom(new byte[100])).getMessage());
        assertEquals("no purgatory table at 64: not a kboot purgatory",
                assertThrows(IllegalArgumentException.class, () -> harnessValues().writeInto(new byte[4096])).getMessage());
    }
}
