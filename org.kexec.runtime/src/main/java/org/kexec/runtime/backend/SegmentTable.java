package org.kexec.runtime.backend;

import java.util.List;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.units.Sizes;

/** The segment table a refused load is reported with, one line per segment, as kexec-tools prints it with -d. */
public final class SegmentTable {

    private SegmentTable() {
    }

    public static String of(List<Segment> segments) {
        StringBuilder text = new StringBuilder("segments:");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            text.append(String.format("%n  %2d %-24s bufsz %10s mem %18s memsz %10s", i, s.role(), Sizes.hex(s.bufsz()),
                    Sizes.hex(s.mem()), Sizes.hex(s.memsz())));
        }
        return text.toString();
    }
}
