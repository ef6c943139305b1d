package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

/**
 * Generated loaders on real Linux, in QEMU guests running Debian's kernel: kexec_load and kexec_file_load into
 * Debian's kernel, a crash kernel armed, re-armed after a refused reload, and booted by a panic, and the refusals
 * of a kernel in lockdown. Each loader is compiled from a spec by kbootc and run in the guest as the README says
 * ({@code <boot>/loader load}), with the host's /tmp read-only or a noexec tmpfs.
 */
class LinuxKexecE2eTest {

    @TempDir
    Path work;

    /** A 64 MiB initrd: load times are compared where reading and hashing matter. */
    private static final long LARGE_INITRD = 64L << 20;
    /** How many times each tool loads where load times are compared: the median of three. */
    private static final int LOAD_ROUNDS = 3;

    /** A spec booting Debian's unsigned kernel into the second-stage initramfs with {@code cmdline}. */
    private String debianBoot(String name, String load, String kind, String cmdline, String extra) throws Exception {
        return debianBoot(name, load, kind, cmdline, extra, QemuGuest.secondStage(work));
    }

    /** The same with another initrd. */
    private String debianBoot(String name, String load, String kind, String cmdline, String extra, Path initrd) {
        return """
                package e2e

                kernel debian {
                    path "%s"
                }

                initrd second_stage {
                    path "%s"
                }

                boot %s {
                    target linux
                    load %s
                    kind %s
                    kernel debian
                    initrd second_stage
                    cmdline {
                        "%s"
                    }
                %s}
                """.formatted(DebianKernels.fetch("unsigned").path(), initrd, name, load, kind, cmdline, extra);
    }

    private static void timing(String scenario, QemuGuest.Run run) {
        System.out.printf("e2e timing: %s: %.1f s%n", scenario, run.millis() / 1000.0);
    }

    /**
     * kexec-tools and kboot load the same kernel, 64 MiB initrd and command line in the same guest, in turns; the ratio
     * of their median times is what a host sees (one load alone swings by a tenth under emulation). Beside them, what
     * a bare JVM's start and exit take there, which every loader command pays before and after its work.
     */
    private static void printLoadTimes(String scenario, QemuGuest.Run run) {
        double[] kexecTools = rounds(run, "kexec-tools");
        double[] kboot = rounds(run, "kboot");
        int median = LOAD_ROUNDS / 2;
        System.out.printf("e2e load time, %s, Debian's kernel and a 64 MiB initrd, page cache and both tools warm, median of %d"
                + " turns: kexec-tools %.2f s (%.2f-%.2f), kboot loader load %.2f s (%.2f-%.2f), ratio %.2f; a bare JVM's start"
                + " and exit (java -Xint -version) %.2f s; kboot status %.2f s, first plan (records the class-data archive) %.2f s%n",
                scenario, LOAD_ROUNDS, kexecTools[median], kexecTools[0], kexecTools[LOAD_ROUNDS - 1], kboot[median], kboot[0],
                kboot[LOAD_ROUNDS - 1], kboot[median] / kexecTools[median], rounds(run, "jvm")[median],
                GeneratedLoaders.seconds(run, "status"), GeneratedLoaders.seconds(run, "plan"));
    }

    /** The times of every turn of {@code label}, sorted. */
    private static double[] rounds(QemuGuest.Run run, String label) {
        return IntStream.rangeClosed(1, LOAD_ROUNDS).mapToDouble(round -> GeneratedLoaders.seconds(run, label + "-" + round))
                .sorted().toArray();
    }

    /**
     * Times the first plan and status, then a bare JVM, kexec-tools and kboot loading the same boot in turns, each load
     * but kboot's last unloaded again, all with the images in the page cache and each tool warm: kexec-tools loads and
     * unloads once untimed (in one guest its first kexec_load after boot took 2.63 s, its second 2.25 s), as kboot's
     * first run is the plan that records its class-data archive.
     */
    private String timedLoads(Path out, String boot, String kexecTools, String kernel, Path initrd) {
        StringBuilder script = new StringBuilder("chroot /host cat " + kernel + " " + initrd + " > /dev/null\n"
                + "chroot /host " + kexecTools + " && chroot /host /sbin/kexec -u\n"
                + GeneratedLoaders.timed("plan", GeneratedLoaders.loader(out, boot, "plan") + " > /dev/null")
                + GeneratedLoaders.timed("status", GeneratedLoaders.loader(out, boot, "status")));
        for (int round = 1; round <= LOAD_ROUNDS; round++) {
            script.append(GeneratedLoaders.timed("jvm-" + round, "chroot /host java -Xint -XX:+UseSerialGC -version 2> /dev/null"))
                    .append(GeneratedLoaders.timed("kexec-tools-" + round, "chroot /host " + kexecTools))
                    .append("chroot /host /sbin/kexec -u\n")
                    .append(GeneratedLoaders.timed("kboot-" + round, GeneratedLoaders.loader(out, boot, "load")));
            if (round < LOAD_ROUNDS) {
                script.append("chroot /host /sbin/kexec -u\n");
            }
        }
        return script.toString();
    }

    /**
     * Mounts a writable, noexec tmpfs on the guest host's /tmp, as hardened hosts have it, and the test's own folder
     * (which lies under the build machine's /tmp) back inside it, so the loader and images stay where the spec says.
     */
    private String noexecTmp() {
        String folder = work.toAbsolutePath().toString();
        return "mkdir -p /work && mount --bind /host" + folder + " /work\n"
                + "mount -t tmpfs -o noexec tmpfs /host/tmp\n"
                + "mkdir -p /host" + folder + " && mount --bind /work /host" + folder + "\n"
                + "echo \"KBOOT-E2E tmp: $(grep ' /host/tmp ' /proc/mounts)\"\n";
    }

    /** With /tmp mounted noexec, as on hardened hosts: jnr-ffi's stub comes from beside the jars. */
    @Test
    void kexecLoadIntoDebiansKernelReachesItsInitWithTheSpecsCmdline() throws Exception {
        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=kexec_load";
        Path initrd = QemuGuest.paddedSecondStage(work, LARGE_INITRD);
        Path out = GeneratedLoaders.compile(work, "kexec_load", debianBoot("plain", "kexec_load", "default", cmdline, "", initrd));
        String kernel = DebianKernels.fetch("unsigned").path().toString();
        String script = noexecTmp()
                + timedLoads(out, "e2e.plain", "/sbin/kexec -l " + kernel + " --initrd=" + initrd + " --append=\"" + cmdline + "\"",
                        kernel, initrd)
                + GeneratedLoaders.loader(out, "e2e.plain", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 400, line -> line.contains("KBOOT-E2E second kernel"));
        timing("kexec_load into Debian's kernel, /tmp noexec", run);
        printLoadTimes("kexec_load", run);
        assertTrue(run.after("KBOOT-E2E tmp:").startsWith("tmpfs /host/tmp tmpfs rw,noexec"), run.text());
        assertTrue(run.printed("loaded e2e.plain with kexec_load: 4 segments, entry 0x"), run.text());
        assertTrue(run.printed("default image loaded, crash image not armed, crash region 0"), run.text());
        assertEquals(cmdline, run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }

    /** With /tmp read-only: the guest's /tmp is the host's, shared read-only. */
    @Test
    void kexecFileLoadIntoDebiansKernelReachesItsInit() throws Exception {
        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=kexec_file_load";
        Path initrd = QemuGuest.paddedSecondStage(work, LARGE_INITRD);
        Path out = GeneratedLoaders.compile(work, "file", debianBoot("by_file", "kexec_file_load", "default", cmdline, "",
                initrd));
        String kernel = DebianKernels.fetch("unsigned").path().toString();
        String script = "echo \"KBOOT-E2E tmp: $(chroot /host touch /tmp/kboot-e2e 2>&1)\"\n"
                + timedLoads(out, "e2e.by_file", "/sbin/kexec -s -l " + kernel + " --initrd=" + initrd + " --append=\""
                        + cmdline + "\"", kernel, initrd)
                + GeneratedLoaders.loader(out, "e2e.by_file", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 400, line -> line.contains("KBOOT-E2E second kernel"));
        timing("kexec_file_load into Debian's kernel, /tmp read-only", run);
        printLoadTimes("kexec_file_load", run);
        assertTrue(run.after("KBOOT-E2E tmp:").endsWith("Read-only file system"), run.text());
        assertTrue(run.printed("loaded e2e.by_file with kexec_file_load"), run.text());
        assertTrue(run.printed("default image loaded, crash image not armed"), run.text());
        assertEquals(cmdline, run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }

    @Test
    void aCrashKernelIsArmedReArmedAfterARefusedReloadAndBootedByAPanic() throws Exception {
        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=crash nr_cpus=1 reset_devices irqpoll";
        Path out = GeneratedLoaders.compile(work, "crash", debianBoot("kdump", "kexec_load", "crash", cmdline,
                "    crash {\n        reservation 256M\n    }\n"));
        String script = GeneratedLoaders.loader(out, "e2e.kdump", "load") + "\n"
                + QemuGuest.java(RefusedCrashReload.class.getName(), out.resolve("e2e.kdump/boot.json").toString(),
                        work.toString()) + "\n"
                + "echo c > /proc/sysrq-trigger\n";
        QemuGuest.Run run = QemuGuest.linux(work, script, 400, line -> line.contains("KBOOT-E2E vmcore starts"),
                "crashkernel=256M");
        timing("crash kernel armed, re-armed, booted by a panic", run);
        assertTrue(run.printed("loaded e2e.kdump with kexec_load: "), run.text());
        assertTrue(run.printed("default image not loaded, crash image armed, crash region 256M"), run.text());
        assertTrue(run.printed("KBOOT-E2E reload refused: kexec_load(entry=0x"), run.text());
        assertTrue(run.printed("failed: EADDRNOTAVAIL (cannot assign requested address)"), run.text());
        assertTrue(run.printed("The kernel freed the crash kernel armed before; kboot armed it again (e2e.kdump)."), run.text());
        assertTrue(run.printed("KBOOT-E2E after the refused reload: default image not loaded, crash image armed"), run.text());
        assertTrue(run.printed("Kernel panic - not syncing: sysrq triggered crash"), run.text());
        assertTrue(run.after("KBOOT-E2E second kernel cmdline:").startsWith(cmdline + " elfcorehdr="), run.text());
        assertEquals("7f 45 4c 46 02 01 01", run.after("KBOOT-E2E vmcore starts"), "an ELF64 little-endian core");
        assertTrue(Long.parseLong(run.after("KBOOT-E2E vmcore size")) > 700L << 20, run.text());
    }

    @Test
    void underLockdownTheKernelsRefusalsAreExplainedAndNothingIsLoaded() throws Exception {
        Path unsigned = GeneratedLoaders.compile(work, "locked", debianBoot("refused", "kexec_load", "default",
                "console=ttyS0", ""));
        Path signed = GeneratedLoaders.compile(work, "signed", """
                package e2e

                trust debian_ca "%s"

                kernel debian_signed {
                    path "%s"
                    signed by debian_ca
                }

                boot signed_boot {
                    target linux lockdown
                    load kexec_file_load
                    kind default
                    kernel debian_signed
                    cmdline {
                        "console=ttyS0"
                    }
                }
                """.formatted(DebianKernels.secureBootCa(), DebianKernels.fetch("signed").path()));
        String script = GeneratedLoaders.loader(unsigned, "e2e.refused", "load") + "\n"
                + GeneratedLoaders.loader(signed, "e2e.signed_boot", "load") + "\n"
                + "echo \"KBOOT-E2E lockdown: $(cat /host/sys/kernel/security/lockdown)\"\n"
                + GeneratedLoaders.loader(signed, "e2e.signed_boot", "status") + "\n";
        QemuGuest.Run run = QemuGuest.linux(work, script, 400, line -> line.contains("KBOOT-E2E script ended"),
                "lockdown=integrity");
        timing("lockdown refusals", run);
        assertEquals("none [integrity] confidentiality", run.after("KBOOT-E2E lockdown:"), run.text());
        assertTrue(run.printed("e2e.refused: kexec_load(entry=0x"), run.text());
        assertTrue(run.printed("failed: EPERM (operation not permitted): the kernel is locked down (integrity), which"
                + " refuses kexec_load outright"), run.text());
        assertTrue(run.printed("e2e.signed_boot: kexec_file_load(kernel " + DebianKernels.fetch("signed").path()
                + ", no initrd, cmdline \"console=ttyS0\", flags=0x4) failed: EPERM (operation not permitted): the kernel is"
                + " locked down (integrity) and could not verify this kernel's signature"), run.text());
        assertFalse(run.printed("loaded e2e."), run.text());
        assertTrue(run.printed("default image not loaded, crash image not armed"), run.text());
    }
}
