package org.kexec.runtime.backend.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.NamedFile;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.Target;

/** What can be checked without loading a kernel here: status, lockdown, flags, and how refusals read. */
class LinuxBackendTest {

    @Test
    void statusComesFromSysfs(@TempDir Path sys) throws Exception {
        Files.writeString(sys.resolve("kexec_loaded"), "1\n");
        Files.writeString(sys.resolve("kexec_crash_loaded"), "0\n");
        Files.writeString(sys.resolve("kexec_crash_size"), "268435456\n");
        assertEquals(new KexecBackend.Status(true, false, 268435456), new LinuxBackend(sys).status());
        Files.delete(sys.resolve("kexec_loaded"));
        KexecException missing = assertThrows(KexecException.class, () -> new LinuxBackend(sys).status());
        assertEquals(sys.resolve("kexec_loaded") + " does not exist: this kernel was built without CONFIG_KEXEC.",
                missing.getMessage());
        assertEquals(Errno.ENOSYS, missing.errno());
    }

    @Test
    void lockdownModeIsTheBracketedOne(@TempDir Path sys) throws Exception {
        assertEquals(Optional.empty(), new LinuxBackend(sys).lockdown());
        Files.createDirectories(sys.resolve("security"));
        Files.writeString(sys.resolve("security/lockdown"), "none [integrity] confidentiality\n");
        assertEquals(Optional.of("integrity"), new LinuxBackend(sys).lockdown());
    }

    @Test
    void refusalsSayTheCallTheMeaningAndTheFixWithTheSegmentTable() {
        KexecPlan plan = new KexecPlan(Target.LINUX, BootKind.DEFAULT,
                List.of(Segment.of("kernel", "vmlinuz", new byte[16], 0x1000000, 0x2000), Segment.of("purgatory", "kboot", new byte[8], 0x3ffda000, 0x6000)),
                0x3ffda000, 0x3e0000, Map.of(), "quiet", new KexecPlan.PlanDigest(HashAlgorithm.NONE, List.of(), new byte[0]));
        KexecException refused = KexecErrors.load(plan, Errno.EPERM, 1, Optional.of("none"));
        assertEquals("""
                kexec_load(entry=0x3ffda000, 2 segments, flags=0x3e0000) failed: EPERM (operation not permitted): the \
                kernel does not let this process load kernels: it needs CAP_SYS_BOOT (run as root); \
                kernel.kexec_load_disabled may be 1 or kernel.kexec_load_limit_* used up; under lockdown (Secure Boot) \
                kexec_load is refused outright: use load kexec_file_load with a signed kernel.
                segments:
                   0 kernel                   bufsz       0x10 mem          0x1000000 memsz     0x2000
                   1 purgatory                bufsz        0x8 mem         0x3ffda000 memsz     0x6000""", refused.getMessage());
        assertEquals("reboot(LINUX_REBOOT_CMD_KEXEC) returned -1: EINVAL (invalid argument): no kernel is loaded: load one"
                + " first", KexecErrors.exec(-1, Errno.EINVAL, 22).getMessage());
        assertEquals("kexec_load(0, 0, NULL, KEXEC_ON_CRASH) to unload failed: errno 4242: an errno kexec_load is not"
                + " documented to return.", KexecErrors.unload("kexec_load(0, 0, NULL, KEXEC_ON_CRASH)", null, 4242,
                Optional.empty()).getMessage());
    }

    @Test
    void underLockdownEpermSaysSoAndWhatToDo() {
        KexecPlan plan = new KexecPlan(Target.LINUX, BootKind.DEFAULT, List.of(), 0x1000, 0x3e0000, Map.of(), "",
                new KexecPlan.PlanDigest(HashAlgorithm.NONE, List.of(), new byte[0]));
        assertEquals("""
                kexec_load(entry=0x1000, 0 segments, flags=0x3e0000) failed: EPERM (operation not permitted): the kernel \
                is locked down (integrity), which refuses kexec_load outright ("Lockdown: kexec: kexec of unsigned images \
                is restricted"): use load kexec_file_load with a kernel signed by a key the running kernel trusts.
                segments:""", KexecErrors.load(plan, Errno.EPERM, 1, Optional.of("integrity")).getMessage());
        FileLoad load = new FileLoad(BootKind.DEFAULT, NamedBytes.of("/boot/vmlinuz", new byte[0]),
                Optional.of(new FileLoad.Sealed(NamedBytes.of("/boot/initrd.img", new byte[0]))), "console=ttyS0");
        assertEquals(0, load.flags());
        assertEquals("""
                kexec_file_load(kernel /boot/vmlinuz, initrd /boot/initrd.img, cmdline "console=ttyS0", flags=0x0) failed: \
                EPERM (operation not permitted): the kernel is locked down (integrity) and could not verify this \
                kernel's signature with the keys it trusts (its builtin and secondary keyrings, and the platform keyring \
                of UEFI db and MOK): kboot's own check does not count here. Sign the kernel with a key the running \
                kernel trusts, or enroll the signer's certificate (mokutil --import, then reboot through shim).""",
                KexecErrors.fileLoad(load, 0, Errno.EPERM, 1, Optional.of("integrity")).getMessage());
    }

    @Test
    void signatureRefusalsOfKexecFileLoadSayWhichKeysCount() {
        FileLoad crash = new FileLoad(BootKind.CRASH, NamedBytes.of("/boot/vmlinuz", new byte[0]), Optional.empty(), "");
        assertEquals(FileLoad.KEXEC_FILE_ON_CRASH | FileLoad.KEXEC_FILE_NO_INITRAMFS, crash.flags());
        assertEquals("kexec_file_load(kernel /boot/vmlinuz, no initrd, cmdline \"\", flags=0x6) failed: ENODATA (no data"
                + " available): the kernel enforces kernel signatures (Secure Boot or CONFIG_KEXEC_SIG_FORCE) and this"
                + " kernel's signature is missing or not from a key it trusts: sign it with a key in the builtin, secondary or"
                + " platform keyring, or enroll the signer's certificate (mokutil --import).",
                KexecErrors.fileLoad(crash, 6, Errno.ENODATA, 61, Optional.of("integrity")).getMessage());
    }

    /** The rehearsal of a file load seals the kernel, opens the initrd on disk and closes both: nothing stays open. */
    @Test
    void aRehearsedFileLoadLeavesNoDescriptorOpen(@TempDir Path folder) throws Exception {
        Path initrd = Files.write(folder.resolve("initrd.img"), new byte[] {1, 2, 3});
        FileLoad load = new FileLoad(BootKind.DEFAULT, NamedBytes.of("/boot/vmlinuz", new byte[] {4, 5, 6}),
                Optional.of(new FileLoad.OnDisk(new NamedFile("/boot/initrd.img", initrd, 3))), "console=ttyS0");
        List<Path> before = openDescriptors();
        new LinuxBackend(folder).rehearse(load);
        assertEquals(before, openDescriptors());
    }

    private static List<Path> openDescriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    // The listing's own descriptor is gone by the time it is read: keep only those that resolve.
                    return Files.readSymbolicLink(fd) != null;
                } catch (Exception e) {
                    return false;
                }
            }).sorted().toList();
        }
    }
}
