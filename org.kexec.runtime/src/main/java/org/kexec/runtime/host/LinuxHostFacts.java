package org.kexec.runtime.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryMapSource;
import org.kexec.runtime.plan.CrashSources;

/** The running Linux host's facts, from /proc and /sys. */
public final class LinuxHostFacts implements HostFacts {

    private static final Path BOOT_PARAMS = Path.of("/sys/kernel/boot_params/data");

    @Override
    public MemoryMap memoryMap() throws IOException, MemoryMapFormatException {
        return MemoryMapSource.linuxHost().read();
    }

    @Override
    public CrashSources crashSources() throws IOException {
        return CrashSources.readHost();
    }

    @Override
    public String runningCmdline() throws IOException {
        return readCmdline();
    }

    @Override
    public String runningRelease() throws IOException {
        return readRelease();
    }

    /** {@code /proc/sys/kernel/osrelease}: what {@code uname -r} prints. */
    public static String readRelease() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.US_ASCII).strip();
    }

    /** {@code /proc/cmdline}, stripped. */
    public static String readCmdline() throws IOException {
        return Files.readString(Path.of("/proc/cmdline"), StandardCharsets.US_ASCII).strip();
    }

    @Override
    public Optional<byte[]> bootParamsTemplate() {
        if (!Files.isReadable(BOOT_PARAMS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(BOOT_PARAMS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
