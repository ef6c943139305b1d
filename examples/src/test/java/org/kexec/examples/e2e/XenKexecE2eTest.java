package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

/**
 * Generated loaders on real Xen: Xen 4.17 in QEMU with Debian's kernel as PV dom0, where the loader detects Xen,
 * plans against the machine memory map and crash region Xen reports, and loads, arms, reports and unloads through
 * libxenctrl's kexec hypercall; when dom0 crashes, Xen boots the armed crash kernel natively through kboot's
 * purgatory; a default image is loaded, unloaded, loaded again and executed into a native kernel.
 */
class XenKexecE2eTest {

    @TempDir
    Path work;

    /** One spec with a reboot and a crash boot of Debian's kernel into the second-stage initramfs, both through Xen. */
    private String spec() throws Exception {
        return """
                package e2e

                kernel debian {
                    path "%s"
                }

                initrd second_stage {
                    path "%s"
                }

                boot xen_reboot {
                    target xen
                    load kexec_load
                    kind default
                    kernel debian
                    initrd second_stage
                    cmdline {
                        "console=ttyS0 panic=-1 kboot.e2e=xen"
                    }
                }

                boot xen_kdump {
                    target xen
                    load kexec_load
                    kind crash
                    kernel debian
                    initrd second_stage
                    cmdline {
                        "console=ttyS0 panic=-1 nr_cpus=1 reset_devices irqpoll"
                    }
                    crash {
                        reservation 256M
                    }
                }
                """.formatted(DebianKernels.fetch("unsigned").path(), QemuGuest.secondStage(work));
    }

    /** Loads, unloads, loads again and executes: Xen frees and relocates the default image kboot placed (bottom-up). */
    @Test
    void xenExecutesTheLoadedKernelNatively() throws Exception {
        Path out = GeneratedLoaders.compile(work, "xen", spec());
        StringBuilder script = new StringBuilder();
        for (String command : List.of("load", "unload", "load", "exec")) {
            script.append(GeneratedLoaders.loader(out, "e2e.xen_reboot", command)).append('\n');
        }
        QemuGuest.Run run = QemuGuest.xen(work, script.toString(), 600, line -> line.contains("KBOOT-E2E second kernel"), "");
        System.out.printf("e2e timing: Xen load, unload, load and exec into a native kernel: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.xen_reboot with Xen's kexec hypercall: 5 segments, entry 0x"), run.text());
        List<String> statuses = run.console().stream().map(String::strip).filter(l -> l.startsWith("default image ")).toList();
        assertEquals(List.of("default image loaded, crash image not armed, crash region 0",
                "default image not loaded, crash image not armed, crash region 0",
                "default image loaded, crash image not armed, crash region 0"), statuses, run.text());
        assertTrue(run.printed("(XEN) Executing kexec image on cpu0"), run.text());
        assertEquals("console=ttyS0 panic=-1 kboot.e2e=xen", run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }

    @Test
    void xenArmsTheCrashKernelAndBootsItWhenDom0Crashes() throws Exception {
        Path out = GeneratedLoaders.compile(work, "xen", spec());
        StringBuilder script = new StringBuilder();
        for (String step : List.of(GeneratedLoaders.loader(out, "e2e.xen_reboot", "load"),
                GeneratedLoaders.loader(out, "e2e.xen_kdump", "load"))) {
            script.append(step).append('\n');
        }
        script.append("echo \"KBOOT-E2E dom0 kexec_loaded $(cat /sys/kernel/kexec_loaded)\"\n");
        script.append("echo c > /proc/sysrq-trigger\n");
        QemuGuest.Run run = QemuGuest.xen(work, script.toString(), 600, line -> line.contains("KBOOT-E2E vmcore starts"),
                "crashkernel=256M");
        System.out.printf("e2e timing: Xen load and arm, then dom0's crash into the crash kernel: %.1f s%n",
                run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.xen_kdump with Xen's kexec hypercall: 7 segments, entry 0x"), run.text());
        List<String> statuses = run.console().stream().map(String::strip).filter(l -> l.startsWith("default image ")).toList();
        assertEquals(List.of("default image loaded, crash image not armed, crash region 256M",
                "default image loaded, crash image armed, crash region 256M"), statuses, run.text());
        assertEquals("0", run.after("KBOOT-E2E dom0 kexec_loaded"), "the images live in Xen, not in dom0's kernel");
        assertTrue(run.printed("Hardware Dom0 crashed"), run.text());
        assertTrue(run.after("KBOOT-E2E second kernel cmdline:").startsWith(
                "console=ttyS0 panic=-1 nr_cpus=1 reset_devices irqpoll elfcorehdr="), run.text());
        assertEquals("7f 45 4c 46 02 01 01", run.after("KBOOT-E2E vmcore starts"), "an ELF64 little-endian core");
    }

    /**
     * Nothing of a load stays behind in dom0: a crash boot with a distribution-sized (121 MiB) initrd is armed three
     * times, and after each load ten more JVMs start and run the loader, as a fleet's next commands would; every one
     * must finish normally (a JVM that meets corrupted memory dies with SIGSEGV or SIGABRT, exit 134 or 139).
     */
    @Test
    void jvmsStartedAfterRepeatedLoadsRunNormally() throws Exception {
        Path initrd = QemuGuest.paddedSecondStage(work, 121L << 20);
        Path out = GeneratedLoaders.compile(work, "big", """
                package e2e

                kernel debian {
                    path "%s"
                }

                initrd large {
                    path "%s"
                }

                boot xen_large_kdump {
                    target xen
                    load kexec_load
                    kind crash
                    kernel debian
                    initrd large
                    cmdline {
                        "console=ttyS0 panic=-1 nr_cpus=1 reset_devices irqpoll"
                    }
                    crash {
                        reservation 256M
                    }
                }
                """.formatted(DebianKernels.fetch("unsigned").path(), initrd));
        String status = GeneratedLoaders.loader(out, "e2e.xen_large_kdump", "status");
        StringBuilder script = new StringBuilder("failed=0; started=0\n");
        for (int load = 0; load < 3; load++) {
            script.append(GeneratedLoaders.loader(out, "e2e.xen_large_kdump", "load")).append('\n');
            script.append("for i in 1 2 3 4 5 6 7 8 9 10; do started=$((started + 1)); ").append(status)
                    .append(" > /dev/null 2> /host/run/jvm.err || { failed=$((failed + 1)); echo \"KBOOT-E2E jvm failed $?:")
                    .append(" $(head -c 200 /host/run/jvm.err | tr '\\n' ' ')\"; }; done\n");
        }
        script.append("echo \"KBOOT-E2E jvms $started started, $failed failed\"\n");
        QemuGuest.Run run = QemuGuest.xen(work, script.toString(), 900, line -> line.contains("KBOOT-E2E script ended"),
                "crashkernel=256M");
        System.out.printf("e2e timing: Xen, a 121 MiB crash boot armed three times, 30 JVMs after the loads: %.1f s%n",
                run.millis() / 1000.0);
        assertEquals(3, run.console().stream().filter(l -> l.contains("loaded e2e.xen_large_kdump with Xen's kexec hypercall"))
                .count(), run.text());
        assertEquals("30 started, 0 failed", run.after("KBOOT-E2E jvms"), run.text());
    }
}
