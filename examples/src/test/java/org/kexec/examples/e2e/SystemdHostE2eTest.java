package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.generator.cli.Kbootc;
import org.kexec.runtime.e2e.QemuGuest;

/**
 * kboot on a real systemd host, installed from its Debian package: a Debian 12 root file system built with mmdebstrap
 * ({@code scripts/build-systemd-host.sh}, cached by its inputs), booted in QEMU with systemd as init. A oneshot unit
 * of the image drives three boots from the console:
 * <ol>
 * <li>Debian's kernel: the package's units armed the crash boot and loaded the default boot at boot; two loads at
 * once take turns on kboot's lock; installing Debian's cloud kernel package (staged in the image) runs the kernel
 * hook, and the default boot, {@code release newest}, loads the new kernel; {@code kboot reboot} reboots through
 * {@code systemctl kexec}.</li>
 * <li>The cloud kernel, reached by that kexec: the journal of the first boot says services stopped and kexec.target
 * was reached; the crash unit armed the crash boot for this kernel ({@code release running}); sysrq-c.</li>
 * <li>The crash kernel, whose initramfs reports /proc/vmcore.</li>
 * </ol>
 */
class SystemdHostE2eTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "kboot", "systemd-host");

    /** The specs installed on the host: a default boot that follows kernel updates and a kdump boot. */
    private static final String SPECS = """
            // Boots of a fleet host: they follow kernel updates, chosen when they load.
            package fleet.host

            kernel installed {
                path "/boot/vmlinuz-{release}"
                release newest
            }

            kernel running_kernel {
                path "/boot/vmlinuz-{release}"
                release running
            }

            initrd installed_initrd {
                path "/boot/initrd.img-{release}"
            }

            initrd kdump_initrd {
                path "/var/lib/kboot/kdump-initrd.img"
            }

            boot next {
                target linux
                load kexec_load
                kind default
                kernel installed
                initrd installed_initrd
                cmdline {
                    reuse running
                    drop "BOOT_IMAGE"
                }
                append "kboot.e2e=next"
            }

            boot kdump {
                target linux
                load kexec_load
                kind crash
                kernel running_kernel
                initrd kdump_initrd
                cmdline {
                    "console=ttyS0"
                }
                append "nr_cpus=1 reset_devices irqpoll"
                crash {
                    reservation 256M
                }
            }
            """;

    /** The scenario's unit: runs the stage script once the kboot units have run. */
    private static final String UNIT = """
            [Unit]
            Description=kboot end-to-end scenario
            After=kboot-crash@fleet.host.kdump.service kboot-default@fleet.host.next.service

            [Service]
            Type=oneshot
            ExecStart=/usr/local/sbin/kboot-e2e

            [Install]
            WantedBy=multi-user.target
            """;

    /** The stage script: what each boot checks and does, on the console. */
    private static final String SCRIPT = """
            #!/bin/sh
            exec > /dev/ttyS0 2>&1
            say() { echo "KBOOT-E2E $*"; }
            mkdir -p /var/lib/kboot-e2e
            stage=$(cat /var/lib/kboot-e2e/stage 2>/dev/null || echo 1)
            case $stage in
            1)
              say "stage 1 running $(uname -r)"
              say "units $(systemctl is-active kboot-crash@fleet.host.kdump.service) $(systemctl is-active kboot-default@fleet.host.next.service)"
              say "status $(kboot status fleet.host.kdump)"
              say "armed at boot: $(journalctl -b -o cat -u kboot-crash@fleet.host.kdump.service | grep '^kernel ' | tail -n 1)"
              say "loaded at boot: $(journalctl -b -o cat -u kboot-default@fleet.host.next.service | grep '^kernel ' | tail -n 1)"
              for unit in kboot-crash@fleet.host.kdump.service kboot-default@fleet.host.next.service; do
                systemctl -q is-active $unit || journalctl -b -o cat -u $unit | tail -n 8 | sed "s/^/KBOOT-E2E $unit: /"
              done
              kboot load fleet.host.kdump > /tmp/first.log 2>&1 & first=$!
              kboot load fleet.host.kdump > /tmp/second.log 2>&1; second=$?
              wait $first; first=$?
              say "two loads at once: $first $second $(grep -h '^waiting for another kboot run' /tmp/first.log /tmp/second.log | cut -c1-60)"
              sed 's/^/KBOOT-E2E first: /' /tmp/first.log | head -n 8
              sed 's/^/KBOOT-E2E second: /' /tmp/second.log | head -n 8
              say "after the race: $(kboot status fleet.host.kdump)"
              start=$(date +%s)
              dpkg -i /root/staged/linux-image-*-cloud-amd64_*.deb > /var/log/kboot-e2e-dpkg.log 2>&1
              say "installed the cloud kernel: exit $? in $(( $(date +%s) - start )) s"
              say "loaded after install: $(journalctl -b -o cat -u kboot-default@fleet.host.next.service | grep '^kernel ' | tail -n 1)"
              say "crash after install: $(cat /sys/kernel/kexec_crash_loaded)"
              echo 2 > /var/lib/kboot-e2e/stage
              sync
              kboot reboot fleet.host.next
              say "kboot reboot fleet.host.next: exit $?"
              ;;
            2)
              say "stage 2 running $(uname -r)"
              say "cmdline $(cat /proc/cmdline)"
              journalctl -b -1 -o cat | grep -E '^(Starting systemd-kexec.service|Stopped target local-fs.target|Stopped kboot-default@)' \\
                | sort -u | sed 's/^/KBOOT-E2E previous boot: /'
              say "units $(systemctl is-active kboot-crash@fleet.host.kdump.service)"
              systemctl -q is-active kboot-crash@fleet.host.kdump.service \\
                || journalctl -b -o cat -u kboot-crash@fleet.host.kdump.service | tail -n 8 | sed "s/^/KBOOT-E2E kboot-crash: /"
              say "armed: $(journalctl -b -o cat -u kboot-crash@fleet.host.kdump.service | grep '^kernel ' | tail -n 1)"
              say "crash loaded $(cat /sys/kernel/kexec_crash_loaded)"
              echo 3 > /var/lib/kboot-e2e/stage
              sync
              echo c > /proc/sysrq-trigger
              ;;
            esac
            """;

    @TempDir
    Path work;

    @Test
    void armsAtBootFollowsKernelUpdatesAndRebootsThroughSystemd() throws Exception {
        Path image = image();
        Path overlay = work.resolve("root.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", image.resolve("root.img").toString(), "-F", "raw", overlay.toString());
        QemuGuest.Run run = QemuGuest.disk(work, image.resolve("vmlinuz"), image.resolve("initrd.img"), overlay,
                "root=/dev/vda rw crashkernel=256M panic=-1 quiet loglevel=3 systemd.show_status=0", 900,
                line -> line.startsWith("KBOOT-E2E vmcore size"));
        System.out.printf("e2e timing: systemd host, three boots, %d ms%n", run.millis());
        // A getty's prompt may start a line the scenario then writes on.
        List<String> said = run.console().stream().filter(line -> line.contains("KBOOT-E2E "))
                .map(line -> line.substring(line.indexOf("KBOOT-E2E "))).toList();
        said.forEach(System.out::println);
        String text = String.join("\n", said);
        assertTrue(text.contains("KBOOT-E2E stage 1 running 6.1.0-"), text);
        assertTrue(text.contains("KBOOT-E2E units active active"), text);
        assertTrue(text.contains("KBOOT-E2E status default image loaded, crash image armed, crash region 256M"), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E armed at boot: kernel fleet.host.running_kernel: release"
                + " running is 6\\.1\\.0-\\d+-amd64: /boot/vmlinuz-6\\.1\\.0-\\d+-amd64")), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E loaded at boot: kernel fleet.host.installed: release newest"
                + " is 6\\.1\\.0-\\d+-amd64 \\(of 6\\.1\\.0-\\d+-amd64, in Debian's version order\\): .*")), text);
        assertTrue(text.contains("KBOOT-E2E two loads at once: 0 0 waiting for another kboot run to finish (held by pid "), text);
        assertTrue(said.stream().noneMatch(line -> line.startsWith("KBOOT-E2E kboot-")), "every unit started: " + text);
        assertTrue(text.contains("KBOOT-E2E after the race: default image loaded, crash image armed, crash region 256M"), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E installed the cloud kernel: exit 0 in \\d+ s")), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E loaded after install: kernel fleet.host.installed: release"
                + " newest is 6\\.1\\.0-\\d+-cloud-amd64 \\(of 6\\.1\\.0-\\d+-amd64, 6\\.1\\.0-\\d+-cloud-amd64, in Debian's version"
                + " order\\): /boot/vmlinuz-6\\.1\\.0-\\d+-cloud-amd64; initrd fleet.host.installed_initrd:"
                + " /boot/initrd.img-6\\.1\\.0-\\d+-cloud-amd64")), text);
        assertTrue(text.contains("KBOOT-E2E crash after install: 1"), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E stage 2 running 6\\.1\\.0-\\d+-cloud-amd64")), text);
        assertTrue(said.stream().anyMatch(line -> line.startsWith("KBOOT-E2E cmdline ") && line.contains("crashkernel=256M")
                && line.endsWith(" kboot.e2e=next") && !line.contains("BOOT_IMAGE")), text);
        assertTrue(text.contains("KBOOT-E2E previous boot: Starting systemd-kexec.service - Reboot via kexec..."), text);
        assertTrue(text.contains("KBOOT-E2E previous boot: Stopped kboot-default@fleet.host.next.service - kboot: load"
                + " fleet.host.next for the next systemctl kexec."), text);
        assertTrue(text.contains("KBOOT-E2E previous boot: Stopped target local-fs.target - Local File Systems."), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E armed: kernel fleet.host.running_kernel: release running"
                + " is 6\\.1\\.0-\\d+-cloud-amd64: /boot/vmlinuz-6\\.1\\.0-\\d+-cloud-amd64")), text);
        assertTrue(text.contains("KBOOT-E2E crash loaded 1"), text);
        assertTrue(said.stream().anyMatch(line -> line.matches("KBOOT-E2E vmcore size \\d+")), text);
        assertTrue(run.stoppedEarly(), "the crash kernel reported /proc/vmcore");
    }

    /** The host's disk image, built by scripts/build-systemd-host.sh and cached by the hash of everything it holds. */
    private Path image() throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(ROOT.resolve("kboot-debian/target"))) {
            deb = files.filter(f -> f.getFileName().toString().matches("kboot_.*_amd64\\.deb")).findFirst().orElseThrow();
        }
        Path specs = Files.createDirectories(work.resolve("specs"));
        Files.writeString(specs.resolve("host.kboot"), SPECS);
        Path boots = work.resolve("boots");
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        assertEquals(0, Kbootc.commandLine(writer, writer).execute("compile", specs.toString(), "-o", boots.toString()), output.toString());

        Path extra = work.resolve("extra");
        write(extra.resolve("etc/systemd/system/kboot-e2e.service"), UNIT.getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        write(extra.resolve("usr/local/sbin/kboot-e2e"), SCRIPT.getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
        write(extra.resolve("var/lib/kboot/kdump-initrd.img"), Files.readAllBytes(QemuGuest.secondStage(work)), "rw-r--r--");

        MessageDigest inputs = MessageDigest.getInstance("SHA-256");
        inputs.update(Files.readAllBytes(ROOT.resolve("scripts/build-systemd-host.sh")));
        inputs.update(Files.readAllBytes(deb));
        for (Path tree : List.of(boots, extra)) {
            try (Stream<Path> files = Files.walk(tree)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jsa")).sorted().toList()) {
                    inputs.update(tree.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                    inputs.update(Files.readAllBytes(file));
                }
            }
        }
        Path image = CACHE.resolve(HexFormat.of().formatHex(inputs.digest()).substring(0, 16));
        if (!Files.exists(image.resolve("root.img"))) {
            long start = System.nanoTime();
            Path partial = Files.createDirectories(CACHE).resolve(image.getFileName() + ".partial");
            run(ROOT.resolve("scripts/build-systemd-host.sh").toString(), partial.toString(), deb.toString(), boots.toString(),
                    extra.toString());
            Files.move(partial, image);
            System.out.printf("e2e timing: systemd host image built in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        }
        return image;
    }

    private static void write(Path file, byte[] bytes, String mode) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    }
}
