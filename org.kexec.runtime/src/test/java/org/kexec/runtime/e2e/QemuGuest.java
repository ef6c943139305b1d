package org.kexec.runtime.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.kexec.runtime.image.DebianKernels;

/**
 * A QEMU guest for end-to-end tests: Debian's kernel under TCG (never KVM: /dev/kvm here cannot run stock kernels),
 * a busybox initramfs whose /init mounts the host's root read-only over 9p (with a guest tmpfs over its /run, where
 * the JVM and jffi may write) and runs a script, no network, and the serial console as the only result channel. The guest never touches the host's own kexec.
 */
final class QemuGuest {

    /** Modules the initramfs loads to reach the host's root over virtio-9p, in dependency order. */
    private static final List<String> MODULES = List.of("virtio_ring", "virtio", "virtio_pci_legacy_dev",
            "virtio_pci_modern_dev", "virtio_pci", "9pnet", "9pnet_virtio", "netfs", "fscache", "9p");

    /** What a run printed and how it ended. */
    record Run(List<String> console, int exitStatus, long millis, boolean stoppedEarly) {
        boolean printed(String line) {
            return console.stream().anyMatch(l -> l.contains(line));
        }

        /** The value of the last {@code KBOOT-PROBE key=value} line. */
        String probe(String key) {
            String prefix = "KBOOT-PROBE " + key + "=";
            return console.stream().filter(l -> l.contains(prefix)).reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf(prefix) + prefix.length()).strip())
                    .orElseThrow(() -> new AssertionError("the probe printed no " + key + ":\n" + String.join("\n", console)));
        }
    }

    private QemuGuest() {
    }

    /**
     * Boots the guest and runs {@code script} (busybox sh) once the host's root is mounted at /host.
     *
     * @param stopWhen ends the run as soon as a console line matches (a guest that halts does not exit)
     */
    static Run run(Path work, String script, int timeoutSeconds, Predicate<String> stopWhen) throws Exception {
        DebianKernels.Kernel kernel = DebianKernels.fetch("unsigned");
        Path initramfs = initramfs(work, kernel, script);
        List<String> command = List.of("timeout", Integer.toString(timeoutSeconds), "qemu-system-x86_64", "-accel", "tcg",
                "-cpu", "max", "-m", "1024", "-smp", "1", "-nographic", "-no-reboot", "-nic", "none", "-serial", "stdio",
                "-monitor", "none", "-device", "isa-debug-exit,iobase=0x501,iosize=0x04",
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
                "-kernel", kernel.path().toString(), "-initrd", initramfs.toString(),
                "-append", "console=ttyS0 panic=-1 quiet loglevel=3");
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> console = new ArrayList<>();
        boolean stopped = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                console.add(line);
                if (stopWhen.test(line)) {
                    stopped = true;
                    // timeout(1) forwards no SIGKILL: end QEMU itself, or a halted guest would spin on.
                    qemu.descendants().forEach(ProcessHandle::destroyForcibly);
                    qemu.destroyForcibly();
                    break;
                }
            }
        }
        qemu.waitFor(30, TimeUnit.SECONDS);
        Files.write(work.resolve("console.log"), console);
        return new Run(console, qemu.exitValue(), (System.nanoTime() - start) / 1_000_000, stopped);
    }

    /** A gzip'd newc cpio: static busybox, the 9p modules of {@code kernel}, and an /init that runs {@code script}. */
    private static Path initramfs(Path work, DebianKernels.Kernel kernel, String script) throws Exception {
        Path root = Files.createDirectories(work.resolve("initramfs"));
        for (String folder : List.of("bin", "dev", "proc", "sys", "host", "mods", "tmp")) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Path modules = kernel.path().getParent().getParent().resolve("lib/modules");
        try (var found = Files.walk(modules)) {
            for (Path module : found.filter(p -> p.toString().endsWith(".ko")).toList()) {
                Files.copy(module, root.resolve("mods").resolve(module.getFileName()));
            }
        }
        StringBuilder init = new StringBuilder("""
                #!/bin/busybox sh
                /bin/busybox --install -s /bin
                mount -t proc proc /proc
                mount -t sysfs sys /sys
                mount -t devtmpfs dev /dev
                """);
        for (String module : MODULES) {
            init.append("insmod /mods/").append(module).append(".ko\n");
        }
        init.append("""
                mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host
                mount -t proc proc /host/proc
                mount -t sysfs sys /host/sys
                mount -t devtmpfs dev /host/dev
                mount -t tmpfs tmpfs /host/run
                echo KBOOT-E2E guest up
                """).append(script).append("""

                echo KBOOT-E2E script ended
                poweroff -f
                """);
        Path initFile = root.resolve("init");
        Files.writeString(initFile, init);
        Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path archive = work.resolve("initramfs.cpio.gz");
        Process cpio = new ProcessBuilder("sh", "-c", "find . -print0 | cpio --null -o -H newc --quiet | gzip -1 > " + archive)
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(cpio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cpio.waitFor() != 0) {
            throw new IllegalStateException("building the initramfs failed: " + output);
        }
        return archive;
    }

    /** The command that runs {@code mainClass} in the guest with this JVM and this test run's classpath. */
    static String java(String mainClass, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder command = new StringBuilder("chroot /host " + System.getProperty("java.home")
                + "/bin/java -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.io.tmpdir=/run -cp " + classpath
                + " " + mainClass);
        for (String arg : args) {
            command.append(' ').append(arg);
        }
        return command.toString();
    }
}
