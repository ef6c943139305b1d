package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.Target;

/**
 * The segments a kexec_load (or Xen) load of a boot consists of, known before anything is placed: counted here
 * so a spec that needs too many is refused at compile time with the list, not by the kernel with EINVAL.
 *
 * <p>kboot's layout: the kernel, each initrd, boot_params (start_info for PVH) with the command line, the purgatory; for crash boots
 * also the ELF core header and, when low memory is backed up, the backup copy; on Xen the NULL-buffer segments
 * that cover what the others leave free of the low 1 MiB (Xen maps only segments, and the purgatory copies the
 * backup from there).
 */
public final class SegmentBudget {

    /** The role of the segments that cover the low 1 MiB for Xen. */
    static final String XEN_FILLER = "Xen low-memory filler";

    private SegmentBudget() {
    }

    /**
     * Names the segments of a load, in kboot's order. A PVH boot's kernel is as many segments as its vmlinux has
     * PT_LOADs, which only its file tells: one here, the planner counts them all.
     *
     * @param lowSegments {@code [start, end)} pairs of segments with fixed addresses inside the low 1 MiB,
     *                    which reduce or split the Xen filler
     */
    public static List<String> segments(Target target, BootKind kind, KernelEntry entry, List<String> initrds, boolean backup,
                                        List<long[]> lowSegments) {
        List<String> segments = new ArrayList<>();
        segments.add(entry == KernelEntry.PVH ? "kernel PT_LOAD 0" : "kernel");
        for (String initrd : initrds) {
            segments.add("initrd " + initrd);
        }
        segments.add(entry == KernelEntry.PVH ? "start_info" : "boot_params");
        segments.add(Segment.PURGATORY);
        if (kind == BootKind.CRASH) {
            segments.add("elfcorehdr");
            if (backup) {
                segments.add("backup");
            }
        }
        if (target == Target.XEN) {
            for (int i = 0; i < lowMemoryGaps(lowSegments).size(); i++) {
                segments.add(XEN_FILLER);
            }
        }
        return segments;
    }

    /** Too many segments for the target: Linux returns EINVAL, and so does Xen. */
    public static Optional<Violation> check(Target target, List<String> segments) {
        int limit = limit(target);
        if (segments.size() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Violation.of(Rule.SEGMENT_COUNT, Errno.EINVAL, "this boot needs " + segments.size()
                + " segments (" + String.join(", ", segments.stream().sorted().toList()) + "), but "
                + (target == Target.XEN ? "Xen" : "Linux") + " loads at most " + limit + ": concatenate initrds into one"
                + " file (the kernel unpacks concatenated cpio archives)"));
    }

    /** The most segments a load may have on this target. */
    public static int limit(Target target) {
        return target == Target.XEN ? KexecLimits.XEN_MAX_SEGMENTS : KexecLimits.LINUX_MAX_SEGMENTS;
    }

    /**
     * The uncovered stretches of {@code [0, 1 MiB)} once the given {@code [start, end)} ranges are there: Xen maps
     * only memory that segments cover, so each stretch gets a NULL-buffer filler segment. The budget counts them; the
     * planner places them.
     */
    static List<long[]> lowMemoryGaps(List<long[]> covered) {
        List<long[]> sorted = new ArrayList<>(covered.stream().filter(r -> r[0] < KexecLimits.LOW_MEMORY_END).toList());
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> gaps = new ArrayList<>();
        long end = 0;
        for (long[] range : sorted) {
            if (range[0] > end) {
                gaps.add(new long[] {end, range[0]});
            }
            end = Math.max(end, Math.min(range[1], KexecLimits.LOW_MEMORY_END));
        }
        if (end < KexecLimits.LOW_MEMORY_END) {
            gaps.add(new long[] {end, KexecLimits.LOW_MEMORY_END});
        }
        return gaps;
    }
}
