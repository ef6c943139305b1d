package org.kexec.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsMemmapReaderTest {

    private static void entry(Path folder, int index, String start, String end, String type) throws Exception {
        Path entry = Files.createDirectories(folder.resolve(Integer.toString(index)));
        Files.writeString(entry.resolve("start"), start + "\n");
        Files.writeString(entry.resolve("end"), end + "\n");
        Files.writeString(entry.resolve("type"), type + "\n");
    }

    @Test
    void readsTheFirmwareMapInAddressOrder(@TempDir Path memmap) throws Exception {
        entry(memmap, 0, "0x0", "0x9fbff", "System RAM");
        entry(memmap, 10, "0x100000", "0x3ffdffff", "System RAM");
        entry(memmap, 2, "0xf0000", "0xfffff", "Reserved");
        entry(memmap, 3, "0xfeffc000", "0xfeffffff", "Unusable memory");
        MemoryMap iomem = MemoryProfiles.load("qemu-1g");
        MemoryMap map = SysfsMemmapReader.read(memmap, iomem);
        assertEquals(List.of(
                new MemoryRange(0, 0x9fbff, MemoryType.RAM, "System RAM"),
                new MemoryRange(0xf0000, 0xfffff, MemoryType.RESERVED, "Reserved"),
                new MemoryRange(0x100000, 0x3ffdffff, MemoryType.RAM, "System RAM"),
                new MemoryRange(0xfeffc000L, 0xfeffffffL, MemoryType.RESERVED, "Unusable memory")), map.ranges());
        assertEquals(iomem.crashRegions(), map.crashRegions());
    }

    @Test
    void aLinuxHostPrefersTheFirmwareMapAndTakesCrashRegionsFromIomem(@TempDir Path host) throws Exception {
        Path iomem = host.resolve("iomem");
        java.nio.file.Files.writeString(iomem, "00001000-3fffffff : System RAM\n  20000000-2fffffff : Crash kernel\n");
        MemoryMap withoutFirmwareMap = MemoryMapSource.linux(host.resolve("memmap"), iomem);
        assertEquals(List.of(new MemoryRange(0x1000, 0x3fffffff, MemoryType.RAM, "System RAM")), withoutFirmwareMap.ranges());
        entry(host.resolve("memmap"), 0, "0x0", "0x3fffffff", "System RAM");
        MemoryMap withFirmwareMap = MemoryMapSource.linux(host.resolve("memmap"), iomem);
        assertEquals(List.of(new MemoryRange(0, 0x3fffffff, MemoryType.RAM, "System RAM")), withFirmwareMap.ranges());
        assertEquals(0x20000000L, withFirmwareMap.crashRegion().orElseThrow().first());
    }

    @Test
    void saysWhatIsMissing(@TempDir Path sys) throws Exception {
        assertEquals(sys.resolve("memmap") + " does not exist: the kernel was built without CONFIG_FIRMWARE_MEMMAP; use"
                + " /proc/iomem instead.", assertThrows(MemoryMapFormatException.class,
                () -> SysfsMemmapReader.ranges(sys.resolve("memmap"))).getMessage());
        entry(sys, 0, "0xzz", "0x1", "System RAM");
        assertEquals(sys.resolve("0") + ": '0xzz-0x1' is not a hex range.",
                assertThrows(MemoryMapFormatException.class, () -> SysfsMemmapReader.ranges(sys)).getMessage());
    }
}
