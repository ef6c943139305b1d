package org.kexec.runtime.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a loader gets the host's memory map. On Linux: the firmware map of /sys/firmware/memmap when the kernel
 * has it (the map kexec-tools hands the next kernel), else /proc/iomem, with the crash regions of /proc/iomem.
 * Under a Xen dom0 the map is the machine's, not dom0's pseudo-physical one: the Xen backend implements this
 * interface with libxenctrl's {@code xc_get_machine_memory_map} and {@code xc_kexec_get_range(KEXEC_RANGE_MA_CRASH)}.
 */
@FunctionalInterface
public interface MemoryMapSource {

    MemoryMap read() throws IOException, MemoryMapFormatException;

    /** The running Linux host's map. */
    static MemoryMapSource linuxHost() {
        return () -> linux(Path.of("/sys/firmware/memmap"), Path.of("/proc/iomem"));
    }

    /** A Linux host's map from a copy of its sysfs memmap folder and /proc/iomem (tests, recorded hosts). */
    static MemoryMap linux(Path sysfsMemmap, Path iomem) throws IOException, MemoryMapFormatException {
        MemoryMap fromIomem = IomemReader.read(iomem);
        return Files.isDirectory(sysfsMemmap) ? SysfsMemmapReader.read(sysfsMemmap, fromIomem) : fromIomem;
    }

    /**
     * A recorded map for dry runs: a bundled profile by name ({@link MemoryProfiles#NAMES}), or else a recorded
     * /proc/iomem file.
     */
    static MemoryMap recorded(String profileOrFile) throws IOException, MemoryMapFormatException {
        return MemoryProfiles.NAMES.contains(profileOrFile) ? MemoryProfiles.load(profileOrFile) : IomemReader.read(Path.of(profileOrFile));
    }
}
