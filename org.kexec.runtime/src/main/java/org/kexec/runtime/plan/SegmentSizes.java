package org.kexec.runtime.plan;

import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.units.Sizes;

/** How much memory a segment takes, computed one way for the validator and the planner. */
public final class SegmentSizes {

    private SegmentSizes() {
    }

    /**
     * The kernel segment's memsz: the protected-mode kernel from the file, or {@code init_size} if that is more
     * (the kernel decompresses in place and needs the room), rounded up to whole pages.
     */
    public static long kernel(SetupHeader header, long fileSize) {
        long bufsz = fileSize - header.protectedModeOffset();
        return Sizes.alignUp(Math.max(bufsz, header.initSize()), KexecLimits.PAGE_SIZE);
    }

    /** An initrd segment's memsz: the file rounded up to whole pages. */
    public static long initrd(long fileSize) {
        return Sizes.alignUp(fileSize, KexecLimits.PAGE_SIZE);
    }
}
