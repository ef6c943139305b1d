package org.kexec.runtime.memory;

import java.util.List;
import java.util.Optional;

/**
 * The physical memory of a host as a loader needs it: the top-level ranges, and the crash regions the running
 * kernel reserved with {@code crashkernel=} (named "Crash kernel"; x86 may have a low and a high one).
 */
public record MemoryMap(List<MemoryRange> ranges, List<MemoryRange> crashRegions) {

    public MemoryMap {
        ranges = List.copyOf(ranges);
        crashRegions = List.copyOf(crashRegions);
    }

    /** True when {@code [start, start + length)} lies inside one RAM range. */
    public boolean isRam(long start, long length) {
        return ranges.stream().anyMatch(range -> range.type() == MemoryType.RAM && range.contains(start, length));
    }

    /** Total bytes of RAM. */
    public long ramSize() {
        return ranges.stream().filter(range -> range.type() == MemoryType.RAM).mapToLong(MemoryRange::size).sum();
    }

    /** True when some RAM lies at or above {@code address}. */
    public boolean hasRamAbove(long address) {
        return ranges.stream().anyMatch(range -> range.type() == MemoryType.RAM
                && Long.compareUnsigned(range.last(), address) >= 0);
    }

    /** The region crash kernels load into: the last (highest) "Crash kernel" range, as kexec-tools picks it. */
    public Optional<MemoryRange> crashRegion() {
        return crashRegions.isEmpty() ? Optional.empty() : Optional.of(crashRegions.get(crashRegions.size() - 1));
    }
}
