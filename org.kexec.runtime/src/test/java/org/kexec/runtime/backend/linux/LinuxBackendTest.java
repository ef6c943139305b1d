package org.kexec.runtime.backend.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.plan.Errno;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.Target;

/** What can be checked without loading a kernel here: layouts, status, and how refusals read. */
class LinuxBackendTest {

    @Test
    void kexecSegmentHasTheKernelsLayout() {
        Runtime runtime = Runtime.getSystemRuntime();
        KexecSegmentStruct segment = new KexecSegmentStruct(runtime);
        assertEquals(32, Struct.size(segment));
        assertEquals(0, segment.buf.offset());
        assertEquals(8, segment.bufsz.offset());
        assertEquals(16, segment.mem.offset());
        assertEquals(24, segment.memsz.offset());
        KexecSegmentStruct[] array = Struct.arrayOf(runtime, KexecSegmentStruct.class, 3);
        assertEquals(64, Struct.getMemory(array[2]).address() - Struct.getMemory(array[0]).address(), "one contiguous array");
    }

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
    void refusalsSayTheCallTheMeaningAndTheFixWithTheSegmentTable() {
        KexecPlan plan = new KexecPlan(Target.LINUX, BootKind.DEFAULT,
                List.of(Segment.of("kernel", "vmlinuz", new byte[16], 0x1000000, 0x2000), Segment.of("purgatory", "kboot", new byte[8], 0x3ffda000, 0x6000)),
                0x3ffda000, 0x3e0000, Map.of(), "quiet", new KexecPlan.PlanDigest(HashAlgorithm.NONE, List.of(), new byte[0]));
        KexecException refused = KexecErrors.load(plan, Errno.EPERM, 1);
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
        assertEquals("kexec_load(0 segments, KEXEC_ON_CRASH) to unload failed: errno 4242: an errno kexec_load is not"
                + " documented to return.", KexecErrors.unload(BootKind.CRASH, null, 4242).getMessage());
    }
}
