package org.kexec.runtime.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the firmware's memory map as the kernel keeps it in {@code /sys/firmware/memmap/N/{start,end,type}}
 * (CONFIG_FIRMWARE_MEMMAP): the map kexec-tools prefers for the next kernel's e820, since /proc/iomem shows what
 * the running kernel made of it. It has no crash regions; {@link #read(Path, MemoryMap)} takes them from iomem.
 */
public final class SysfsMemmapReader {

    private SysfsMemmapReader() {
    }

    /** The firmware map under {@code folder}, with the crash regions of {@code iomem}. */
    public static MemoryMap read(Path folder, MemoryMap iomem) throws IOException, MemoryMapFormatException {
        return new MemoryMap(ranges(folder), iomem.crashRegions());
    }

    /** The ranges under {@code folder}, sorted by address. */
    public static List<MemoryRange> ranges(Path folder) throws IOException, MemoryMapFormatException {
        if (!Files.isDirectory(folder)) {
            throw new MemoryMapFormatException(folder + " does not exist: the kernel was built without"
                    + " CONFIG_FIRMWARE_MEMMAP; use /proc/iomem instead.");
        }
        List<MemoryRange> ranges = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                ranges.add(range(entry));
            }
        }
        if (ranges.isEmpty()) {
            throw new MemoryMapFormatException(folder + ": no memory ranges.");
        }
        ranges.sort(Comparator.comparingLong(MemoryRange::first));
        return ranges;
    }

    private static MemoryRange range(Path entry) throws IOException, MemoryMapFormatException {
        String start = read(entry.resolve("start"));
        String end = read(entry.resolve("end"));
        String type = read(entry.resolve("type"));
        try {
            return new MemoryRange(Long.parseUnsignedLong(strip(start), 16), Long.parseUnsignedLong(strip(end), 16),
                    type.equals("Unusable memory") ? MemoryType.RESERVED : MemoryType.ofIomemName(type), type);
        } catch (IllegalArgumentException e) {
            throw new MemoryMapFormatException(entry + ": '" + start + "-" + end + "' is not a hex range.");
        }
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    /** The file's text; bytes that are not ASCII become U+FFFD, so that the parse, not the read, refuses them. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
    }
}
