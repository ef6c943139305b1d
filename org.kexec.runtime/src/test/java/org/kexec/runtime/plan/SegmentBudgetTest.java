package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

class SegmentBudgetTest {

    @Test
    void defaultLinuxBootHasKernelInitrdsParamsAndPurgatory() {
        assertEquals(List.of("kernel", "initrd a", "initrd b", "boot_params", "purgatory"),
                SegmentBudget.segments(Target.LINUX, BootKind.DEFAULT, List.of("a", "b"), true, List.of()));
    }

    @Test
    void crashBootAddsCoreHeaderAndBackup() {
        assertEquals(List.of("kernel", "boot_params", "purgatory", "elfcorehdr", "backup"),
                SegmentBudget.segments(Target.LINUX, BootKind.CRASH, List.of(), true, List.of()));
        assertEquals(List.of("kernel", "boot_params", "purgatory", "elfcorehdr"),
                SegmentBudget.segments(Target.LINUX, BootKind.CRASH, List.of(), false, List.of()));
    }

    @Test
    void xenCoversTheLowMebibyteWithFillers() {
        assertEquals(List.of("kernel", "boot_params", "purgatory", "Xen low-memory filler"),
                SegmentBudget.segments(Target.XEN, BootKind.DEFAULT, List.of(), true, List.of()));
        assertEquals(1, SegmentBudget.lowMemoryGaps(List.of()));
        assertEquals(0, SegmentBudget.lowMemoryGaps(List.of(new long[] {0, 0x100000})));
        assertEquals(1, SegmentBudget.lowMemoryGaps(List.of(new long[] {0, 0x1000})));
        assertEquals(2, SegmentBudget.lowMemoryGaps(List.of(new long[] {0x10000, 0x20000})));
        assertEquals(3, SegmentBudget.lowMemoryGaps(List.of(new long[] {0x30000, 0x40000}, new long[] {0x10000, 0x20000})));
    }

    @Test
    void limitsAreTheKernelsAndXens() {
        assertEquals(16, SegmentBudget.limit(Target.LINUX));
        assertEquals(15, SegmentBudget.limit(Target.XEN));
    }
}
