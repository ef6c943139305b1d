package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

/** Every rule the kernel and Xen enforce, broken once each: the errno and the segment they would report. */
class SegmentRulesTest {

    private static final MemoryMap QEMU_1G = MemoryProfiles.load("qemu-1g");
    private static final long CRASH = 0x23000000L;

    private static Segment segment(long mem, long memsz) {
        return Segment.of("s", "test", new byte[16], mem, memsz);
    }

    private static Optional<String> check(Target target, BootKind kind, long entry, Segment... segments) {
        return check(target, kind, List.of(segments), entry);
    }

    private static Optional<String> check(Target target, BootKind kind, List<Segment> segments, long entry) {
        return SegmentRules.check(target, kind, segments, entry, QEMU_1G).map(Violation::describe);
    }

    /** The words of a violation: its rule does not show in them. */
    private static Optional<String> violation(Errno errno, int segment, String reason) {
        return Optional.of(new Violation(Rule.SEGMENT_SHAPE, errno, segment, reason).describe());
    }

    @Test
    void aValidLoadPasses() {
        assertEquals(Optional.empty(), check(Target.LINUX, BootKind.DEFAULT, 0x2000000, segment(0x1000000, 0x1000), segment(0x2000000, 0x2000)));
        assertEquals(Optional.empty(), check(Target.LINUX, BootKind.CRASH, CRASH, segment(CRASH, 0x1000)));
    }

    @Test
    void linuxTakesAtMost16Segments() {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            segments.add(segment(0x1000000 + i * 0x1000L, 0x1000));
        }
        assertEquals(violation(Errno.EINVAL, -1, "this boot needs 17 segments (s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s), but Linux loads at most 16: concatenate initrds into one file (the kernel unpacks concatenated cpio archives)"),
                check(Target.LINUX, BootKind.DEFAULT, segments, 0));
        assertEquals(Optional.empty(), SegmentRules.check(Target.LINUX, BootKind.DEFAULT, segments.subList(0, 16), 0, QEMU_1G));
    }

    @Test
    void xenTakesAtMost15Segments() {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            segments.add(segment(0x1000000 + i * 0x1000L, 0x1000));
        }
        assertEquals(violation(Errno.EINVAL, -1, "this boot needs 16 segments (s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s), but Xen loads at most 15: concatenate initrds into one file (the kernel unpacks concatenated cpio archives)"),
                check(Target.XEN, BootKind.DEFAULT, segments, 0));
    }

    @Test
    void crashEntryLiesInTheCrashRegion() {
        assertEquals(violation(Errno.EADDRNOTAVAIL, -1, "the entry 0x1000000 is outside the crash region"
                + " 0x23000000-0x32ffffff Crash kernel"), check(Target.LINUX, BootKind.CRASH, 0x1000000, segment(CRASH, 0x1000)));
    }

    @Test
    void segmentsStartAndEndOnPages() {
        assertEquals(violation(Errno.EADDRNOTAVAIL, 1, "s at 0x2000800-0x2001800 does not start and end on 4 KiB pages"),
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0x1000000, 0x1000), segment(0x2000800, 0x1000)));
        assertEquals(violation(Errno.EADDRNOTAVAIL, 0, "s at 0x1000000-0x1000800 does not start and end on 4 KiB pages"),
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0x1000000, 0x800)));
    }

    @Test
    void segmentsEndBelowTheDestinationLimit() {
        assertEquals(violation(Errno.EADDRNOTAVAIL, 0, "s at 0x3ffffffff000-0x400000000000 ends beyond the 64 TiB the"
                + " kernel can map"), check(Target.LINUX, BootKind.DEFAULT, 0, segment(0x3ffffffff000L, 0x1000)));
        assertEquals(violation(Errno.EADDRNOTAVAIL, 0, "mem + memsz overflows"),
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0xfffffffffffff000L, 0x2000)));
    }

    @Test
    void segmentsDoNotOverlap() {
        assertEquals(violation(Errno.EINVAL, 1, "s at 0x1001000-0x1003000 overlaps segment 0 (s at 0x1000000-0x1002000)"),
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0x1000000, 0x2000), segment(0x1001000, 0x2000)));
    }

    @Test
    void buffersFitTheirSegments() {
        assertEquals(violation(Errno.EINVAL, 0, "bufsz 0x2000 exceeds memsz 0x1000"),
                check(Target.LINUX, BootKind.DEFAULT, 0, Segment.of("s", "test", new byte[0x2000], 0x1000000, 0x1000)));
    }

    @Test
    void loadsTakeAtMostHalfOfRam() {
        assertEquals(violation(Errno.EINVAL, 0, "the load would take more than half of RAM (511.75 MiB)"),
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0x1000000, 0x20000000)));
    }

    @Test
    void crashSegmentsLieInTheCrashRegion() {
        assertEquals(violation(Errno.EADDRNOTAVAIL, 1, "s at 0x1000000-0x1001000 is outside the crash region"
                + " 0x23000000-0x32ffffff Crash kernel"), check(Target.LINUX, BootKind.CRASH, CRASH, segment(CRASH, 0x1000),
                segment(0x1000000, 0x1000)));
    }

    @Test
    void xenFillersMayLieOutsideTheCrashRegionAndRam() {
        Segment filler = new Segment("Xen low-memory filler", "none", null, 0, 0x100000);
        assertEquals(Optional.empty(), check(Target.XEN, BootKind.CRASH, CRASH, filler, segment(CRASH, 0x1000)));
    }

    @Test
    void destinationsAreRam() {
        assertEquals(violation(null, 0, "s at 0xfee00000-0xfee01000 is not inside System RAM: the kernel would copy it"
                + " over firmware or device memory without complaint"), check(Target.LINUX, BootKind.DEFAULT, 0, segment(0xfee00000L, 0x1000)));
        assertEquals("kboot refuses segment 0: s at 0xfee00000-0xfee01000 is not inside System RAM: the kernel would"
                + " copy it over firmware or device memory without complaint",
                check(Target.LINUX, BootKind.DEFAULT, 0, segment(0xfee00000L, 0x1000)).orElseThrow());
    }
}
