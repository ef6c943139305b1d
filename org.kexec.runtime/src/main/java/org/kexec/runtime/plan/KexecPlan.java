package org.kexec.runtime.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.Target;

/**
 * A load ready for a backend: the segments sorted by address, where execution starts, the flags, the values of
 * the entry registers, and the digest the purgatory verifies.
 *
 * @param segments  every segment, sorted by {@code mem}
 * @param entry     physical address the kernel (or Xen) jumps to: the purgatory's entry
 * @param flags     kexec_load flags: KEXEC_ARCH_X86_64, plus KEXEC_ON_CRASH for crash loads
 * @param registers the register values the purgatory loads before it jumps to the kernel
 * @param cmdline   the command line the kernel receives, with what the loader added
 * @param digest    the regions the purgatory re-hashes and their digest
 */
public record KexecPlan(Target target, BootKind kind, List<Segment> segments, long entry, long flags,
                        Map<Register, Long> registers, String cmdline, PlanDigest digest) {

    /** KEXEC_ARCH_X86_64: EM_X86_64 (62) in the high 16 bits. */
    public static final long KEXEC_ARCH_X86_64 = 62L << 16;
    public static final long KEXEC_ON_CRASH = 1;

    public KexecPlan {
        segments = List.copyOf(segments);
        registers = Map.copyOf(registers);
    }

    /** The table kboot's purgatory segment carries, as this plan filled it in; empty for a plan without one. */
    public Optional<PurgatoryTable> purgatoryTable() {
        return segments.stream().filter(Segment::purgatory).findFirst()
                .map(segment -> PurgatoryTable.readFrom(segment.bytes()));
    }

    /** The digest regions and value, as the purgatory recomputes them. */
    public record PlanDigest(HashAlgorithm algorithm, List<long[]> regions, byte[] value) {
    }
}
