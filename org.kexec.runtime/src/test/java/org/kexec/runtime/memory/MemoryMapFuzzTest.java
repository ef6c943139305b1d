package org.kexec.runtime.memory;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fuzzes the memory-map readers: {@code /proc/iomem} text, and {@code /sys/firmware/memmap} entries written to a
 * scratch folder. Hostile maps may only be refused with {@link MemoryMapFormatException}.
 */
class MemoryMapFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void iomem(@NotNull byte[] text) throws IOException {
        try {
            IomemReader.read(new StringReader(new String(text, StandardCharsets.UTF_8)), "fuzz");
        } catch (MemoryMapFormatException refused) {
            // the only way to say no
        }
    }

    @FuzzTest(maxDuration = "10s")
    void sysfsMemmap(FuzzedDataProvider data) throws IOException {
        Path folder = Files.createTempDirectory("memmap");
        try {
            int entries = data.consumeInt(0, 4);
            for (int i = 0; i < entries; i++) {
                Path entry = Files.createDirectory(folder.resolve(Integer.toString(i)));
                Files.writeString(entry.resolve("start"), data.consumeString(24));
                Files.writeString(entry.resolve("end"), data.consumeString(24));
                Files.writeString(entry.resolve("type"), data.consumeString(32));
            }
            SysfsMemmapReader.ranges(folder);
        } catch (MemoryMapFormatException refused) {
            // the only way to say no
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
