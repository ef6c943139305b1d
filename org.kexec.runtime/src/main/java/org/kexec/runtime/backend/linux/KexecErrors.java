package org.kexec.runtime.backend.linux;

import java.util.Optional;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.backend.SegmentTable;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.units.Sizes;

/**
 * Turns an errno from kexec_load, kexec_file_load or reboot into what happened and what to do (kernel/kexec.c,
 * kexec_file.c, kexec_core.c, reboot.c), with the call and, for kexec_load, the segment table. The kernel's lockdown
 * mode, when known, decides what EPERM means.
 */
final class KexecErrors {

    private KexecErrors() {
    }

    static KexecException load(KexecPlan plan, Errno errno, int number, Optional<String> lockdown) {
        String call = "kexec_load(entry=" + Sizes.hex(plan.entry()) + ", " + plan.segments().size() + " segments, flags="
                + Sizes.hex(plan.flags()) + ")";
        return new KexecException(call + " failed: " + Errno.describe(number) + ": " + meaning(errno, lockdown) + "\n"
                + SegmentTable.of(plan.segments()), number);
    }

    static KexecException fileLoad(FileLoad load, long flags, Errno errno, int number, Optional<String> lockdown) {
        String call = "kexec_file_load(kernel " + load.kernel().name() + ", "
                + load.initrd().map(i -> "initrd " + i.name()).orElse("no initrd") + ", cmdline \"" + load.cmdline()
                + "\", flags=" + Sizes.hex(flags) + ")";
        return new KexecException(call + " failed: " + Errno.describe(number) + ": " + fileMeaning(errno, lockdown), number);
    }

    static KexecException exec(int result, Errno errno, int number) {
        String why = errno == Errno.EINVAL ? "no kernel is loaded: load one first"
                : errno == Errno.EPERM ? "reboot needs CAP_SYS_BOOT: run as root"
                : errno == Errno.EBUSY ? "another kexec operation holds the lock: try again" : "the kernel refused to reboot";
        return new KexecException("reboot(LINUX_REBOOT_CMD_KEXEC) returned " + result + ": " + Errno.describe(number) + ": " + why,
                number);
    }

    static KexecException unload(String call, Errno errno, int number, Optional<String> lockdown) {
        return new KexecException(call + " to unload failed: " + Errno.describe(number) + ": " + meaning(errno, lockdown), number);
    }

    private static boolean lockedDown(Optional<String> lockdown) {
        return lockdown.isPresent() && !lockdown.get().equals("none");
    }

    /** What an errno means for kexec_load, and the fix. */
    static String meaning(Errno errno, Optional<String> lockdown) {
        if (errno == null) {
            return "an errno kexec_load is not documented to return.";
        }
        return switch (errno) {
            case EPERM -> lockedDown(lockdown)
                    ? "the kernel is locked down (" + lockdown.get() + "), which refuses kexec_load outright (\"Lockdown:"
                    + " kexec: kexec of unsigned images is restricted\"): use load kexec_file_load with a kernel signed by"
                    + " a key the running kernel trusts."
                    : "the kernel does not let this process load kernels: it needs CAP_SYS_BOOT (run as root);"
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

    /** What an errno means for kexec_file_load (kernel/kexec_file.c, verify_pefile.c), and the fix. */
    static String fileMeaning(Errno errno, Optional<String> lockdown) {
        if (errno == null) {
            return "an errno kexec_file_load is not documented to return.";
        }
        return switch (errno) {
            case EPERM -> lockedDown(lockdown)
                    ? "the kernel is locked down (" + lockdown.get() + ") and could not verify this kernel's signature"
                    + " with the keys it trusts (its builtin and secondary keyrings, and the platform keyring of UEFI db"
                    + " and MOK): kboot's own check does not count here. Sign the kernel with a key the running kernel"
                    + " trusts, or enroll the signer's certificate (mokutil --import, then reboot through shim)."
                    : "the kernel does not let this process load kernels: it needs CAP_SYS_BOOT (run as root), and"
                    + " kernel.kexec_load_disabled must be 0.";
            case ENODATA, EKEYREJECTED, ENOKEY, EBADMSG -> "the kernel enforces kernel signatures (Secure Boot or"
                    + " CONFIG_KEXEC_SIG_FORCE) and this kernel's signature is missing or not from a key it trusts: sign"
                    + " it with a key in the builtin, secondary or platform keyring, or enroll the signer's certificate"
                    + " (mokutil --import).";
            case EACCES -> "IMA appraisal refused the kernel or the initrd: sign them for IMA (evmctl ima_sign) or"
                    + " adjust the IMA policy.";
            case ENOEXEC -> "the kernel does not recognise the image as a 64-bit relocatable bzImage it can load: use"
                    + " load kexec_load.";
            case EINVAL -> "a flag or the command line: with its NUL it must fit the image's cmdline_size with 30 bytes"
                    + " to spare (61 for crash loads), for what the kernel appends.";
            case EADDRNOTAVAIL -> "the kernel found no free range for a segment; for crash loads the crash region"
                    + " (crashkernel=) is too small for the kernel, initrd and headers: reserve more.";
            case EBUSY -> "another kexec load or reboot holds the kexec lock: try again.";
            case ENOMEM -> "the kernel could not allocate memory for the image: free memory, or use smaller images.";
            case ENOSYS -> "this kernel was built without CONFIG_KEXEC_FILE: use load kexec_load (or auto).";
            default -> errno.description() + ".";
        };
    }
}
