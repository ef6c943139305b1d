package org.kexec.runtime.plan;

import java.util.List;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.units.Sizes;

/**
 * What kexec_file_load's bzImage64 loader (arch/x86/kernel/kexec-bzimage64.c) refuses, checked before the call: a
 * kernel it cannot probe (ENOEXEC) and a command line without room for the {@code elfcorehdr=} it may append
 * (EINVAL).
 */
public final class FileLoadRules {

    private FileLoadRules() {
    }

    public static void check(BzImage kernel, String cmdline) throws PlanException {
        SetupHeader header = kernel.header();
        if (header.version() < SetupHeader.VERSION_KEXEC_FILE) {
            throw refused(Errno.ENOEXEC, "the kernel speaks boot protocol " + header.versionString() + ", but kexec_file_load"
                    + " loads 2.12 or later only: use load kexec_load");
        }
        if ((header.xloadflags() & SetupHeader.XLF_KERNEL_64) == 0) {
            throw refused(Errno.ENOEXEC, "the kernel has no 64-bit entry point (XLF_KERNEL_64 is clear in xloadflags "
                    + Sizes.hex(header.xloadflags()) + "), which kexec_file_load requires: use load kexec_load");
        }
        long cmdlineSize = header.cmdlineSize();
        long limit = Math.min(KexecLimits.commandLineLimit(cmdlineSize), cmdlineSize - 1 - KexecLimits.ELFCOREHDR_ARGUMENT_ROOM);
        CommandLines.check(cmdline, limit, "cmdline_size " + cmdlineSize + " less its NUL and the "
                + KexecLimits.ELFCOREHDR_ARGUMENT_ROOM + " bytes kexec_file_load keeps for elfcorehdr=", List.of());
    }

    private static PlanException refused(Errno errno, String reason) {
        return new PlanException(new Violation(errno, -1, reason), List.of());
    }
}
