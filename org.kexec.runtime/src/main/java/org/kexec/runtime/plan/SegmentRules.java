package org.kexec.runtime.plan;

import java.util.List;
import java.util.Optional;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Every rule the kernel's kexec_load ({@code sanity_check_segment_list} in kernel/kexec_core.c, kernel/kexec.c)
 * and Xen's kexec hypercall (xen/common/kexec.c, kimage.c) apply to a segment list, in the order they apply them,
 * plus what neither checks: that destinations are RAM. The first broken rule is reported with the errno the kernel
 * would return, so a plan that passes here is one the kernel accepts.
 */
public final class SegmentRules {

    /** KEXEC_DESTINATION_MEMORY_LIMIT on x86-64: MAXMEM - 1 with 4-level paging (64 TiB). */
    public static final long DESTINATION_LIMIT = (1L << 46) - 1;

    private SegmentRules() {
    }

    public static Optional<Violation> check(Target target, BootKind kind, List<Segment> segments, long entry,
                                            MemoryMap memory) {
        Optional<Violation> count = SegmentBudget.check(target, segments.stream().map(Segment::role).toList());
        if (count.isPresent()) {
            return count;
        }
        Optional<MemoryRange> crash = memory.crashRegion();
        if (kind == BootKind.CRASH) {
            if (crash.isEmpty()) {
                return Optional.of(noCrashRegion());
            }
            if (!inside(crash.get(), entry, 1)) {
                return violation(Rule.CRASH_REGION, Errno.EADDRNOTAVAIL, -1, "the entry " + Sizes.hex(entry) + " is outside the crash region "
                        + crash.get());
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            long start = segment.mem();
            long end = start + segment.memsz();
            if (Long.compareUnsigned(end, start) < 0) {
                return violation(Rule.SEGMENT_SHAPE, Errno.EADDRNOTAVAIL, i, "mem + memsz overflows");
            }
            if (!Sizes.isAligned(start, KexecLimits.PAGE_SIZE) || !Sizes.isAligned(end, KexecLimits.PAGE_SIZE)) {
                return violation(Rule.SEGMENT_SHAPE, Errno.EADDRNOTAVAIL, i, segment + " does not start and end on 4 KiB pages");
            }
            if (Long.compareUnsigned(end, DESTINATION_LIMIT) >= 0) {
                return violation(Rule.SEGMENT_SHAPE, Errno.EADDRNOTAVAIL, i, segment + " ends beyond the 64 TiB the kernel can map");
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            for (int j = 0; j < i; j++) {
                Segment a = segments.get(i);
                Segment b = segments.get(j);
                if (Long.compareUnsigned(a.end(), b.mem()) > 0 && Long.compareUnsigned(a.mem(), b.end()) < 0) {
                    return violation(Rule.SEGMENT_OVERLAP, Errno.EINVAL, i, a + " overlaps segment " + j + " (" + b + ")");
                }
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).bufsz() > segments.get(i).memsz()) {
                return violation(Rule.SEGMENT_SHAPE, Errno.EINVAL, i, "bufsz " + Sizes.hex(segments.get(i).bufsz()) + " exceeds memsz "
                        + Sizes.hex(segments.get(i).memsz()));
            }
        }
        long half = memory.ramSize() / 2;
        long total = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.filler()) {
                continue;
            }
            total += segment.memsz();
            if (segment.memsz() > half || total > half) {
                return violation(Rule.HALF_OF_RAM, Errno.EINVAL, i, "the load would take more than half of RAM (" + Sizes.mebibytes(half) + ")");
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (kind == BootKind.CRASH && !segment.filler() && !inside(crash.get(), segment.mem(), segment.memsz())) {
                return violation(Rule.CRASH_REGION, Errno.EADDRNOTAVAIL, i, segment + " is outside the crash region " + crash.get());
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.filler() && !memory.isRam(segment.mem(), segment.memsz())) {
                return violation(Rule.OUTSIDE_RAM, null, i, segment + " is not inside System RAM: the kernel would copy it over firmware"
                        + " or device memory without complaint");
            }
        }
        return Optional.empty();
    }

    /** A crash load on a host that reserved no crash region: the kernel refuses it with EADDRNOTAVAIL. */
    public static Optional<Violation> crashRegionReserved(MemoryMap memory) {
        return memory.crashRegion().isPresent() ? Optional.empty() : Optional.of(noCrashRegion());
    }

    private static Violation noCrashRegion() {
        return Violation.of(Rule.NO_CRASH_REGION, Errno.EADDRNOTAVAIL, "no crash region is reserved: boot the host with"
                + " crashkernel=, e.g. crashkernel=256M");
    }

    private static boolean inside(MemoryRange range, long start, long length) {
        return range.contains(start, length);
    }

    private static Optional<Violation> violation(Rule rule, Errno errno, int segment, String reason) {
        return Optional.of(new Violation(rule, errno, segment, reason));
    }
}
