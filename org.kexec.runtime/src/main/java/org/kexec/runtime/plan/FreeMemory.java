package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The physical memory still free for segments: half-open {@code [start, end)} intervals, sorted and disjoint.
 * Allocation takes from the highest suitable address (top-down) or the lowest (bottom-up), as the kernel's
 * kexec_file_load does with its own {@code kexec_add_buffer}.
 */
final class FreeMemory {

    private final List<long[]> free = new ArrayList<>();

    /** Adds {@code [start, end)} as free (intervals must be added in ascending, non-overlapping order). */
    void add(long start, long end) {
        if (end > start) {
            free.add(new long[] {start, end});
        }
    }

    /** Removes {@code [start, end)} from what is free, wherever it overlaps. */
    void take(long start, long end) {
        List<long[]> result = new ArrayList<>();
        for (long[] interval : free) {
            if (end <= interval[0] || start >= interval[1]) {
                result.add(interval);
                continue;
            }
            if (interval[0] < start) {
                result.add(new long[] {interval[0], start});
            }
            if (end < interval[1]) {
                result.add(new long[] {end, interval[1]});
            }
        }
        free.clear();
        free.addAll(result);
    }

    /** True when all of {@code [start, end)} is free. */
    boolean isFree(long start, long end) {
        return free.stream().anyMatch(interval -> interval[0] <= start && end <= interval[1]);
    }

    /**
     * Finds and takes {@code size} bytes at an address that is a multiple of {@code align}, inside
     * {@code [min, max)}.
     *
     * @return the address, or empty when nothing fits
     */
    OptionalLong allocate(long size, long align, long min, long max, boolean topDown) {
        List<long[]> order = new ArrayList<>(free);
        if (topDown) {
            java.util.Collections.reverse(order);
        }
        for (long[] interval : order) {
            long low = Math.max(interval[0], min);
            long high = Math.min(interval[1], max);
            if (high - low < size) {
                continue;
            }
            long address = topDown ? org.kexec.runtime.units.Sizes.alignDown(high - size, align)
                    : org.kexec.runtime.units.Sizes.alignUp(low, align);
            if (address >= low && address + size <= high) {
                take(address, address + size);
                return OptionalLong.of(address);
            }
        }
        return OptionalLong.empty();
    }
}
