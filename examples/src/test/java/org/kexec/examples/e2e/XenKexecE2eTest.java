package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

/**
 * Generated loaders on real Xen: Xen 4.17 in QEMU with Debian's kernel as PV dom0, where the loader detects Xen,
 * plans against the machine memory map Xen reports and loads through libxenctrl's kexec hypercall. Xen then
 * executes a native Debian kernel, by request or when dom0 crashes.
 */
class XenKexecE2eTest {

    @TempDir
    Path work;

    private String xenBoot(String name, String kind, String cmdline, String extra) throws Exception {
        return """
                package e2e

                kernel debian {
                    path "%s"
                }

                initrd second_stage {
                    path "%s"
                }

                boot %s {
                    target xen
                    load kexec_load
                    kind %s
                    kernel debian
                    initrd second_stage
                    cmdline {
                        "%s"
                    }
                %s}
                """.formatted(DebianKernels.fetch("unsigned").path(), QemuGuest.secondStage(work), name, kind, cmdline, extra);
    }

    @Test
    void xenExecutesTheLoadedKernelNatively() throws Exception {
        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=xen";
        Path out = GeneratedLoaders.compile(work, "xen", xenBoot("on_xen", "default", cmdline, ""));
        String script = GeneratedLoaders.loader(out, "e2e.on_xen", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.on_xen", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.xen(work, script, 600, line -> line.contains("KBOOT-E2E second kernel"), "");
        System.out.printf("e2e timing: Xen kexec into a native kernel: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.on_xen with Xen's kexec hypercall: "), run.text());
        assertTrue(run.printed("default image loaded, crash image not armed, crash region 0"), run.text());
        assertTrue(run.printed("(XEN) Executing kexec image on cpu0"), run.text());
        assertEquals(cmdline, run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }

    @Test
    void aDom0CrashBootsTheCrashKernelXenArmed() throws Exception {
        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=xen-crash nr_cpus=1 reset_devices irqpoll";
        Path out = GeneratedLoaders.compile(work, "xen_crash", xenBoot("xen_kdump", "crash", cmdline,
                "    crash {\n        reservation 256M\n    }\n"));
        String script = GeneratedLoaders.loader(out, "e2e.xen_kdump", "load") + "\n"
                + "echo c > /proc/sysrq-trigger\n";
        QemuGuest.Run run = QemuGuest.xen(work, script, 600, line -> line.contains("KBOOT-E2E vmcore starts"),
                "crashkernel=256M");
        System.out.printf("e2e timing: Xen crash of dom0 into the crash kernel: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.xen_kdump with Xen's kexec hypercall: "), run.text());
        assertTrue(run.printed("default image not loaded, crash image armed, crash region 256M"), run.text());
        assertTrue(run.printed("Hardware Dom0 crashed"), run.text());
        assertTrue(run.after("KBOOT-E2E second kernel cmdline:").startsWith(cmdline + " elfcorehdr="), run.text());
        assertEquals("7f 45 4c 46 02 01 01", run.after("KBOOT-E2E vmcore starts"), "an ELF64 little-endian core");
    }
}
