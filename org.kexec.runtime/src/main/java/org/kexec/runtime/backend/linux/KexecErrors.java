package org.kexec.runtime.backend.linux;

import java.util.List;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.plan.Errno;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.units.Sizes;

/**
 * Turns an errno from kexec_load or reboot into what happened and what to do (kernel/kexec.c, kexec_core.c,
 * reboot.c), with the call and, for loads, the segment table.
 */
final class KexecErrors {

    private KexecErrors() {
    }

    static KexecException load(KexecPlan plan, Errno errno, int number) {
        String call = "kexec_load(entry=" + Sizes.hex(plan.entry()) + ", " + plan.segments().size() + " segments, flags="
                + Sizes.hex(plan.flags()) + ")";
        return new KexecException(call + " failed: " + name(errno, number) + ": " + meaning(errno) + "\n" + table(plan.segments()),
                errno);
    }

    static KexecException exec(int result, Errno errno, int number) {
        String why = errno == Errno.EINVAL ? "no kernel is loaded: load one first"
                : errno == Errno.EPERM ? "reboot needs CAP_SYS_BOOT: run as root"
                : errno == Errno.EBUSY ? "another kexec operation holds the lock: try again" : "the kernel refused to reboot";
        return new KexecException("reboot(LINUX_REBOOT_CMD_KEXEC) returned " + result + ": " + name(errno, number) + ": " + why,
                errno);
    }

    static KexecException unload(BootKind kind, Errno errno, int number) {
        return new KexecException("kexec_load(0 segments, " + (kind == BootKind.CRASH ? "KEXEC_ON_CRASH" : "no flags")
                + ") to unload failed: " + name(errno, number) + ": " + meaning(errno), errno);
    }

    private static String name(Errno errno, int number) {
        return errno == null ? "errno " + number : errno.name() + " (" + errno.description() + ")";
    }

    /** What an errno means for kexec_load, and the fix. */
    static String meaning(Errno errno) {
        if (errno == null) {
            return "an errno kexec_load is not documented to return.";
        }
        return switch (errno) {
            case EPERM -> "the kernel does not let this process load kernels: it needs CAP_SYS_BOOT (run as root);"
                    + " kernel.kexec_load_disabled may be 1 or kernel.kexec_load_limit_* used up; under lockdown (Secure"
                    + " Boot) kexec_load is refused outright: use load kexec_file_load with a signed kernel.";
            case EACCES -> "IMA appraisal refused an image without a file descriptor: use load kexec_file_load.";
            case EBUSY -> "another kexec load or reboot holds the kexec lock: try again.";
            case EINVAL -> "a flag, the architecture, the segment count (at most 16), overlapping segments, bufsz above"
                    + " memsz, or a load larger than half of RAM: kboot checks all of these before the call, so the"
                    + " kernel's rules differ from this host's map; compare the table below with /proc/iomem.";
            case EADDRNOTAVAIL -> "a segment or the entry is not page aligned, lies beyond what the kernel maps, or (crash"
                    + " loads) outside the crash region: check crashkernel= and the table below against /proc/iomem.";
            case ENOMEM -> "the kernel could not allocate the pages to stage the image: free memory, or use smaller images.";
            case ENOSYS -> "this kernel was built without CONFIG_KEXEC.";
            case EFAULT -> "the kernel could not read a segment buffer: this is a bug in kboot.";
            default -> errno.description() + ".";
        };
    }

    static String table(List<Segment> segments) {
        StringBuilder text = new StringBuilder("segments:");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            text.append(String.format("%n  %2d %-24s bufsz %10s mem %18s memsz %10s", i, s.role(), Sizes.hex(s.bufsz()),
                    Sizes.hex(s.mem()), Sizes.hex(s.memsz())));
        }
        return text.toString();
    }
}
