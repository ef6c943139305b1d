package org.kexec.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class IomemReaderTest {

    @Test
    void readsTheRecordedQemuGuest() {
        MemoryMap map = MemoryProfiles.load("qemu-1g");
        assertEquals(new MemoryRange(0x1000, 0x9fbff, MemoryType.RAM, "System RAM"), map.ranges().get(1));
        assertEquals(new MemoryRange(0x100000, 0x3ffdffff, MemoryType.RAM, "System RAM"), map.ranges().get(7));
        assertEquals(0x9fbffL - 0x1000 + 1 + 0x3ffdffffL - 0x100000 + 1, map.ramSize());
        assertEquals(new MemoryRange(0x23000000, 0x32ffffff, MemoryType.OTHER, "Crash kernel"), map.crashRegion().orElseThrow());
        assertEquals(256L << 20, map.crashRegion().orElseThrow().size());
        assertTrue(map.isRam(0x1000000, 0x1000));
        assertFalse(map.isRam(0x9f000, 0x2000));
        assertFalse(map.hasRamAbove(1L << 32));
    }

    @Test
    void readsTheRecordedLargeServer() {
        MemoryMap map = MemoryProfiles.load("large-server");
        assertEquals(64L << 30, map.ramSize() + 0x1000 + 0x60400 + 0x21000);
        assertTrue(map.hasRamAbove(1L << 32));
        assertEquals(512L << 20, map.crashRegion().orElseThrow().size());
        assertTrue(map.isRam(0x100000000L, 62L << 30));
    }

    @Test
    void takesTheLastOfTwoCrashRegions() throws Exception {
        MemoryMap map = IomemReader.read(new StringReader("""
                00001000-7fffffff : System RAM
                  10000000-17ffffff : Crash kernel
                100000000-27fffffff : System RAM
                  200000000-20fffffff : Crash kernel
                """), "two-regions");
        assertEquals(2, map.crashRegions().size());
        assertEquals(0x200000000L, map.crashRegion().orElseThrow().first());
    }

    @Test
    void refusesWhatIsNotIomem() {
        assertEquals("host:2: expected 'start-end : name', found 'garbage'.", message("00000000-00000fff : Reserved\ngarbage\n"));
        assertEquals("host:1: 'zz-10' is not a hex range.", message("zz-10 : System RAM\n"));
        assertEquals("host:1: Range 0x10-0x1 ends before it starts.", message("10-1 : System RAM\n"));
        assertEquals("host: no memory ranges.", message("# only a comment\n"));
        assertEquals("host: every address is 0, which is how the kernel shows /proc/iomem to users without root;"
                + " read it as root.", message("00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n"));
    }

    @Test
    void refusesUnknownProfiles() {
        assertEquals("Unknown memory-map profile 'laptop'.",
                assertThrows(IllegalArgumentException.class, () -> MemoryProfiles.load("laptop")).getMessage());
    }

    private static String message(String text) {
        return assertThrows(MemoryMapFormatException.class, () -> IomemReader.read(new StringReader(text), "host")).getMessage();
    }
}
