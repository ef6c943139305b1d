package org.kexec.runtime.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the format of {@code /proc/iomem}: {@code start-end : name}, hex, ends inclusive, two spaces of indent per
 * level of nesting. Top-level lines become {@link MemoryMap#ranges()}; "Crash kernel" lines at any depth become
 * crash regions. Lines starting with {@code #} are comments, which recorded profiles use for provenance.
 *
 * <p>Without root, the kernel shows every address as 0; such a map is refused rather than planned against.
 */
public final class IomemReader {

    private IomemReader() {
    }

    /** Reads a recorded iomem file. */
    public static MemoryMap read(Path file) throws IOException, MemoryMapFormatException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    /**
     * Reads iomem text.
     *
     * @param source what to call the text in errors (a file name)
     */
    public static MemoryMap read(Reader text, String source) throws IOException, MemoryMapFormatException {
        List<MemoryRange> ranges = new ArrayList<>();
        List<MemoryRange> crash = new ArrayList<>();
        BufferedReader lines = new BufferedReader(text);
        boolean anyAddress = false;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            MemoryRange range = parseLine(line, source, number);
            anyAddress |= range.first() != 0 || range.last() != 0;
            if (range.name().equals("Crash kernel")) {
                crash.add(range);
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                ranges.add(range);
            }
        }
        if (ranges.isEmpty()) {
            throw new MemoryMapFormatException(source + ": no memory ranges.");
        }
        if (!anyAddress) {
            throw new MemoryMapFormatException(source
                    + ": every address is 0, which is how the kernel shows /proc/iomem to users without root; read it as root.");
        }
        return new MemoryMap(ranges, crash);
    }

    private static MemoryRange parseLine(String line, String source, int number) throws MemoryMapFormatException {
        String trimmed = line.strip();
        int dash = trimmed.indexOf('-');
        int colon = trimmed.indexOf(" : ");
        if (dash <= 0 || colon < dash) {
            throw new MemoryMapFormatException(source + ":" + number + ": expected 'start-end : name', found '" + trimmed + "'.");
        }
        try {
            long first = Long.parseUnsignedLong(trimmed.substring(0, dash), 16);
            long last = Long.parseUnsignedLong(trimmed.substring(dash + 1, colon), 16);
            return new MemoryRange(first, last, MemoryType.ofIomemName(trimmed.substring(colon + 3)), trimmed.substring(colon + 3));
        } catch (NumberFormatException e) {
            throw new MemoryMapFormatException(source + ":" + number + ": '" + trimmed.substring(0, colon)
                    + "' is not a hex range.");
        } catch (IllegalArgumentException e) {
            throw new MemoryMapFormatException(source + ":" + number + ": " + e.getMessage());
        }
    }
}
