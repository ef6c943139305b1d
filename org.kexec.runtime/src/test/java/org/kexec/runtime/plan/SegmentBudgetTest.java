package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.Target;

class SegmentBudgetTest {

    @Test
    void defaultLinuxBootHasKernelInitrdsParamsAndPurgatory() {
        assertEquals(List.of("kernel", "initrd a", "initrd b", "boot_params", "purgatory"),
                SegmentBudget.segments(Target.LINUX, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL, List.of("a", "b"), true, List.of()));
    }

    @Test
    void pvhBootHasItsFirstPtLoadAndTheStartInfoBlock() {
        assertEquals(List.of("kernel PT_LOAD 0", "initrd a", "start_info", "purgatory"),
                SegmentBudget.segments(Target.LINUX, BootKind.DEFAULT, KernelEntry.PVH, List.of("a"), true, List.of()));
    }

    @Test
    void crashBootAddsCoreHeaderAndBackup() {
        assertEquals(List.of("kernel", "boot_params", "purgatory", "elfcorehdr", "backup"),
                SegmentBudget.segments(Target.LINUX, BootKind.CRASH, KernelEntry.BOOT_PROTOCOL, List.of(), true, List.of()));
        assertEquals(List.of("kernel", "boot_params", "purgatory", "elfcorehdr"),
                SegmentBudget.segments(Target.LINUX, BootKind.CRASH, KernelEntry.BOOT_PROTOCOL, List.of(), false, List.of()));
    }

    @Test
    void xenCoversTheLowMebibyteWithFillers() {
        assertEquals(List.of("kernel", "boot_params", "purgatory", "Xen low-memory filler"),
                SegmentBudget.segments(Target.XEN, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL, List.of(), true, List.of()));
        assertEquals(List.of("0-100000"), gaps(List.of()));
        assertEquals(List.of(), gaps(List.of(new long[] {0, 0x100000})));
        assertEquals(List.of("1000-100000"), gaps(List.of(new long[] {0, 0x1000})));
        assertEquals(List.of("0-10000", "20000-100000"), gaps(List.of(new long[] {0x10000, 0x20000})));
        assertEquals(List.of("0-10000", "20000-30000", "40000-100000"),
                gaps(List.of(new long[] {0x30000, 0x40000}, new long[] {0x10000, 0x20000})));
        assertEquals(List.of("0-10000"), gaps(List.of(new long[] {0x10000, 0x200000}, new long[] {0x300000, 0x400000})));
    }

    @Test
    void limitsAreTheKernelsAndXens() {
        assertEquals(16, SegmentBudget.limit(Target.LINUX));
        assertEquals(15, SegmentBudget.limit(Target.XEN));
    }

    private static List<String> gaps(List<long[]> covered) {
        return SegmentBudget.lowMemoryGaps(covered).stream()
                .map(gap -> Long.toHexString(gap[0]) + "-" + Long.toHexString(gap[1])).toList();
    }
}
