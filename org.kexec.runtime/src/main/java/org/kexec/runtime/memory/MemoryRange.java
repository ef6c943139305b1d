package org.kexec.runtime.memory;

import org.kexec.runtime.units.Sizes;

/**
 * A physical range with both ends inclusive, as /proc/iomem writes it (an exclusive end would overflow at the top
 * of the address space).
 *
 * @param first first byte
 * @param last  last byte
 * @param type  what the range is
 * @param name  the name it was recorded with
 */
public record MemoryRange(long first, long last, MemoryType type, String name) {

    public MemoryRange {
        if (Long.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("Range " + Sizes.hex(first) + "-" + Sizes.hex(last) + " ends before it starts.");
        }
    }

    /** Bytes in the range. */
    public long size() {
        return last - first + 1;
    }

    /** True when {@code [start, start + length)} lies entirely inside this range; empty spans lie nowhere. */
    public boolean contains(long start, long length) {
        if (length == 0) {
            return false;
        }
        long end = start + length - 1;
        return Long.compareUnsigned(end, start) >= 0
                && Long.compareUnsigned(start, first) >= 0 && Long.compareUnsigned(end, last) <= 0;
    }

    @Override
    public String toString() {
        return Sizes.hex(first) + "-" + Sizes.hex(last) + " " + name;
    }
}
