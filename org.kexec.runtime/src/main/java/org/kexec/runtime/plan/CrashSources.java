package org.kexec.runtime.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the running kernel tells a crash loader through sysfs: the per-CPU note buffers it fills on panic
 * ({@code /sys/devices/system/cpu/cpuN/crash_notes}) and its vmcoreinfo note ({@code /sys/kernel/vmcoreinfo},
 * "address size" in hex). Dry runs have none of it; the core header then carries no notes.
 *
 * @param cpuNotes   {@code [address, size]} per CPU, in CPU order
 * @param vmcoreinfo {@code [address, size]} of the vmcoreinfo note, if known
 */
public record CrashSources(List<long[]> cpuNotes, Optional<long[]> vmcoreinfo) {

    /** The default size of a CPU's note buffer when crash_notes_size is absent (older kernels). */
    static final long DEFAULT_NOTE_SIZE = 1024;

    public static CrashSources none() {
        return new CrashSources(List.of(), Optional.empty());
    }

    /** Reads the running host's sysfs. */
    public static CrashSources readHost() throws IOException {
        return read(Path.of("/sys"));
    }

    /** Reads a sysfs tree rooted at {@code sys} (a recorded copy in tests). */
    public static CrashSources read(Path sys) throws IOException {
        List<long[]> notes = new ArrayList<>();
        for (int cpu = 0; Files.isDirectory(sys.resolve("devices/system/cpu/cpu" + cpu)); cpu++) {
            Path folder = sys.resolve("devices/system/cpu/cpu" + cpu);
            if (!Files.exists(folder.resolve("crash_notes"))) {
                continue;
            }
            long address = Long.parseUnsignedLong(text(folder.resolve("crash_notes")), 16);
            Path sizeFile = folder.resolve("crash_notes_size");
            long size = Files.exists(sizeFile) ? Long.parseLong(text(sizeFile)) : DEFAULT_NOTE_SIZE;
            notes.add(new long[] {address, size});
        }
        Path vmcoreinfo = sys.resolve("kernel/vmcoreinfo");
        Optional<long[]> info = Optional.empty();
        if (Files.exists(vmcoreinfo)) {
            String[] fields = text(vmcoreinfo).split("\\s+");
            info = Optional.of(new long[] {Long.parseUnsignedLong(fields[0], 16), Long.parseUnsignedLong(fields[1], 16)});
        }
        return new CrashSources(notes, info);
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
