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
 * natively or as Xen's PV dom0, a busybox initramfs whose /init mounts the host's root read-only over 9p (with a
 * guest tmpfs over its /run, where the JVM and jffi may write) and runs a script, no network, and the serial console
 * as the only result channel. The guest never touches the host's own kexec.
 */
public final class QemuGuest {

    /** Modules the initramfs loads to reach the host's root over virtio-9p, in dependency order. */
    private static final List<String> MODULES = List.of("virtio_ring", "virtio", "virtio_pci_legacy_dev",
            "virtio_pci_modern_dev", "virtio_pci", "9pnet", "9pnet_virtio", "netfs", "fscache", "9p");
    /** Modules a Xen dom0 needs for the hypercall device (/dev/xen/privcmd) and xenfs (/proc/xen). */
    private static final List<String> XEN_MODULES = List.of("xen-privcmd", "xenfs", "xen-evtchn", "xen-gntdev", "xen-gntalloc");
    /** With -Dkboot.e2e.console=true, the guest's console is printed as it arrives (to watch a scenario that hangs). */
    private static final boolean STREAM_CONSOLE = Boolean.getBoolean("kboot.e2e.console");
    /** The kernel command line every guest starts with. */
    private static final String CMDLINE = "panic=-1 quiet loglevel=3";

    /** What a run printed and how it ended. */
    public record Run(List<String> console, int exitStatus, long millis, boolean stoppedEarly) {
        public boolean printed(String line) {
            return console.stream().anyMatch(l -> l.contains(line));
        }

        /** What follows {@code marker} on the last console line holding it. */
        public String after(String marker) {
            return console.stream().filter(l -> l.contains(marker)).reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf(marker) + marker.length()).strip())
                    .orElseThrow(() -> new AssertionError("the guest printed no " + marker + ":\n" + String.join("\n", console)));
        }

        /** The value of the last {@code KBOOT-PROBE key=value} line. */
        public String probe(String key) {
            return after("KBOOT-PROBE " + key + "=");
        }

        /** Everything the guest printed, for assertion messages. */
        public String text() {
            return String.join("\n", console);
        }
    }

    private QemuGuest() {
    }

    /** Boots Debian's kernel natively and runs {@code script} (busybox sh) once the host's root is mounted at /host. */
    public static Run run(Path work, String script, int timeoutSeconds, Predicate<String> stopWhen) throws Exception {
        return linux(work, script, timeoutSeconds, stopWhen, "");
    }

    /**
     * Boots Debian's kernel natively with {@code extraCmdline} appended to its command line.
     *
     * @param stopWhen ends the run as soon as a console line matches (a guest that halts does not exit)
     */
    public static Run linux(Path work, String script, int timeoutSeconds, Predicate<String> stopWhen, String extraCmdline)
            throws Exception {
        DebianKernels.Kernel kernel = DebianKernels.fetch("unsigned");
        Path initramfs = initramfs(work, kernel, script);
        List<String> command = new ArrayList<>(qemu(timeoutSeconds, "max", 1024));
        command.addAll(List.of("-kernel", kernel.path().toString(), "-initrd", initramfs.toString(),
                "-append", ("console=ttyS0 " + CMDLINE + " " + extraCmdline).strip()));
        return boot(work, command, stopWhen);
    }

    /**
     * Boots Xen 4.17 with Debian's kernel as its PV dom0 (1 GiB of the guest's 2 GiB), which runs {@code script}.
     * SMAP is off: under TCG it crashes the dom0 at once.
     *
     * @param xenCmdline appended to Xen's own command line (crashkernel= belongs there, not to dom0's)
     */
    public static Run xen(Path work, String script, int timeoutSeconds, Predicate<String> stopWhen, String xenCmdline)
            throws Exception {
        DebianKernels.Kernel kernel = DebianKernels.fetch("unsigned");
        Path initramfs = initramfs(work, kernel, script);
        List<String> command = new ArrayList<>(qemu(timeoutSeconds, "max,-smap", 2048));
        command.addAll(List.of("-kernel", DebianKernels.xen().toString(),
                "-append", ("console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M " + xenCmdline).strip(),
                "-initrd", kernel.path() + " console=hvc0 " + CMDLINE + "," + initramfs));
        return boot(work, command, stopWhen);
    }

    /**
     * Boots a whole host from a disk image (its root file system on virtio) with the given kernel and initramfs, two
     * CPUs and 2 GiB: a systemd host, whose console is the serial port.
     */
    public static Run disk(Path work, Path kernel, Path initrd, Path disk, String cmdline, int timeoutSeconds,
                           Predicate<String> stopWhen) throws Exception {
        List<String> command = new ArrayList<>(qemu(timeoutSeconds, "max", 2048, 2));
        command.addAll(List.of("-kernel", kernel.toString(), "-initrd", initrd.toString(), "-append", "console=ttyS0 " + cmdline,
                "-drive", "file=" + disk + ",format=qcow2,if=virtio"));
        return boot(work, command, stopWhen);
    }

    private static List<String> qemu(int timeoutSeconds, String cpu, int megabytes) {
        return qemu(timeoutSeconds, cpu, megabytes, 1);
    }

    /**
     * QEMU under TCG. Guests with more than one CPU run them on one host thread: with multi-threaded TCG, JVMs in a
     * two-CPU guest died with SIGABRT or SIGILL about once in 14 starts whether or not anything was kexec-loaded
     * meanwhile (with kboot's crash loads, kexec-tools' or none), and never with one thread.
     */
    private static List<String> qemu(int timeoutSeconds, String cpu, int megabytes, int cpus) {
        return List.of("timeout", Integer.toString(timeoutSeconds), "qemu-system-x86_64", "-accel",
                cpus > 1 ? "tcg,thread=single" : "tcg", "-cpu", cpu,
                "-m", Integer.toString(megabytes), "-smp", Integer.toString(cpus), "-nographic", "-no-reboot", "-nic", "none", "-serial", "stdio",
                "-monitor", "none", "-device", "isa-debug-exit,iobase=0x501,iosize=0x04",
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap");
    }

    private static Run boot(Path work, List<String> command, Predicate<String> stopWhen) throws Exception {
        long start = System.nanoTime();
        Process qemu = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> console = new ArrayList<>();
        boolean stopped = false;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                console.add(line);
                if (STREAM_CONSOLE) {
                    System.out.println("guest| " + line);
                }
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

    /**
     * A gzip'd newc cpio: static busybox, the 9p (and Xen) modules of {@code kernel}, and an /init that runs
     * {@code script}.
     */
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
                mount -t securityfs none /host/sys/kernel/security
                mount -t devtmpfs dev /host/dev
                mount -t tmpfs tmpfs /host/run
                if [ "$(cat /sys/hypervisor/type 2>/dev/null)" = xen ]; then
                """);
        for (String module : XEN_MODULES) {
            init.append("  insmod /mods/").append(module).append(".ko\n");
        }
        init.append("""
                  mount -t xenfs xenfs /host/proc/xen
                fi
                echo KBOOT-E2E guest up
                """).append(script).append("""

                echo KBOOT-E2E script ended
                poweroff -f
                """);
        return cpio(work.resolve("initramfs.cpio.gz"), root, init.toString());
    }

    /**
     * The initramfs of a kernel kboot kexecs into: it prints the loader type in its boot_params and the command line it
     * was given and, in a crash kernel,
     * the size and first bytes of /proc/vmcore, then powers off. Built once per {@code work} folder.
     */
    public static Path secondStage(Path work) throws Exception {
        Path archive = work.resolve("second-stage.cpio.gz");
        if (Files.exists(archive)) {
            return archive;
        }
        Path root = Files.createDirectories(work.resolve("second-stage"));
        for (String folder : List.of("bin", "dev", "proc", "sys")) {
            Files.createDirectories(root.resolve(folder));
        }
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        return cpio(archive, root, """
                #!/bin/busybox sh
                /bin/busybox --install -s /bin
                mount -t proc proc /proc
                mount -t sysfs sysfs /sys
                # Kernel messages would land in the middle of these lines on the shared console.
                dmesg -n 1
                # boot_params' type_of_loader (0x210): 0xd0 from kboot's 64-bit boot protocol; 0xb0 (0x90 under Xen) when
                # Linux's PVH entry made boot_params from a start-info block.
                echo "KBOOT-E2E type_of_loader:$(od -An -tx1 -j 528 -N 1 /sys/kernel/boot_params/data)"
                echo "KBOOT-E2E second kernel cmdline: $(cat /proc/cmdline)"
                if [ -e /proc/vmcore ]; then
                  echo "KBOOT-E2E vmcore size $(stat -c %s /proc/vmcore)"
                  echo "KBOOT-E2E vmcore starts$(head -c 7 /proc/vmcore | od -An -tx1)"
                fi
                poweroff -f
                """);
    }

    /**
     * {@link #secondStage} padded with zeros to {@code size} bytes, an initrd as large as a distribution's: the kernel
     * skips zeros after an initramfs archive.
     */
    public static Path paddedSecondStage(Path work, long size) throws Exception {
        Path padded = work.resolve("second-stage-" + size + ".cpio.gz");
        if (!Files.exists(padded)) {
            Files.copy(secondStage(work), padded);
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(padded.toFile(), "rw")) {
                file.setLength(size);
            }
        }
        return padded;
    }

    private static Path cpio(Path archive, Path root, String init) throws Exception {
        Path initFile = root.resolve("init");
        Files.writeString(initFile, init);
        Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process cpio = new ProcessBuilder("sh", "-c", "find . -print0 | cpio --null -o -H newc --quiet | gzip -1 > " + archive)
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(cpio.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cpio.waitFor() != 0) {
            throw new IOException("building " + archive + " failed: " + output);
        }
        return archive;
    }

    /**
     * The command that runs {@code mainClass} in the guest with this JVM and this test run's classpath, with no JVM
     * options: the guest's /tmp is the host's, read-only.
     */
    public static String java(String mainClass, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return command(System.getProperty("java.home") + "/bin/java -cp " + classpath + " " + mainClass, args);
    }

    /** The command that runs a program of the host's file system in the guest, as a user on that host would. */
    public static String command(String program, String... args) {
        StringBuilder command = new StringBuilder("chroot /host " + program);
        for (String arg : args) {
            command.append(' ').append(arg);
        }
        return command.toString();
    }
}
