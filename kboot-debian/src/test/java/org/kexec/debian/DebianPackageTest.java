package org.kexec.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build makes, read with Debian's own tools: what it installs and with which modes, its
 * control fields, its units verified by {@code systemd-analyze verify} in a root with the package and systemd's own
 * units (and a broken unit refused, so the check can fail), and the {@code kboot} command's usage and refusals.
 */
class DebianPackageTest {

    private static Path deb;

    @TempDir
    static Path root;

    /** Hosts with the package installed, one folder each. */
    @TempDir
    static Path hosts;

    /** What a command printed (both streams) and its exit status. */
    private record Run(int status, String output) {
    }

    private static Run run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @BeforeAll
    static void unpack() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            deb = files.filter(file -> file.getFileName().toString().matches("kboot_.*_amd64\\.deb")).findFirst().orElseThrow()
                    .toAbsolutePath();
        }
        assertEquals(0, run(root, "dpkg-deb", "-x", deb.toString(), root.toString()).status());
    }

    @Test
    void theFilesItInstalls() throws Exception {
        Run contents = run(root, "dpkg-deb", "--contents", deb.toString());
        assertEquals(0, contents.status());
        List<String> files = new ArrayList<>();
        for (String line : contents.output().lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (!fields[0].startsWith("d")) {
                files.add(fields[0] + " " + fields[1] + " " + fields[fields.length - 1]);
            }
        }
        assertEquals(List.of(
                "-rwxr-xr-x root/root ./etc/kernel/postinst.d/zz-kboot",
                "-rwxr-xr-x root/root ./etc/kernel/postrm.d/zz-kboot",
                "-rw-r--r-- root/root ./lib/systemd/system/kboot-crash@.service",
                "-rw-r--r-- root/root ./lib/systemd/system/kboot-default@.service",
                "-rwxr-xr-x root/root ./usr/lib/kernel/install.d/90-kboot.install",
                "-rwxr-xr-x root/root ./usr/sbin/kboot",
                "-rw-r--r-- root/root ./usr/share/doc/kboot/README.md",
                "-rw-r--r-- root/root ./usr/share/doc/kboot/copyright",
                "-rw-r--r-- root/root ./usr/share/kboot/kboot-bouncycastle.jar",
                "-rw-r--r-- root/root ./usr/share/kboot/kboot-runtime.jar",
                "-rw-r--r-- root/root ./usr/share/kboot/libjffi-1.2.so"), files);
        System.out.printf("kboot package: %s, %d KiB, installs %d files (%s KiB)%n", deb.getFileName(), Files.size(deb) / 1024,
                files.size(), run(root, "dpkg-deb", "--field", deb.toString(), "Installed-Size").output().strip());
    }

    @Test
    void itsControlFields() throws Exception {
        assertEquals("Package: kboot\nVersion: 0.1.0~snapshot\nArchitecture: amd64\n"
                + "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, systemd\n",
                run(root, "dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture", "Depends").output());
        assertEquals("/etc/kernel/postinst.d/zz-kboot\n/etc/kernel/postrm.d/zz-kboot\n",
                run(root, "dpkg-deb", "--info", deb.toString(), "conffiles").output());
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerify() throws Exception {
        Path host = hostWithThePackage("verified");
        Run verified = run(host, "systemd-analyze", "verify", "--root=" + host, "kboot-crash@kdump.service",
                "kboot-default@next.service");
        assertEquals(new Run(0, ""), verified);

        Path broken = hostWithThePackage("broken");
        Path unit = broken.resolve("lib/systemd/system/kboot-crash@.service");
        Files.writeString(unit, Files.readString(unit).replace("ExecStart=/usr/sbin/kboot", "ExecStart=/usr/sbin/kboot-gone"));
        assertEquals(new Run(1, "kboot-crash@kdump.service: Command /usr/sbin/kboot-gone is not executable: No such file or"
                + " directory\n"), run(broken, "systemd-analyze", "verify", "--root=" + broken, "kboot-crash@kdump.service"));
    }

    @Test
    void theKbootCommandSaysHowToUseIt() throws Exception {
        Path kboot = root.resolve("usr/sbin/kboot");
        assertEquals(0, run(root, "sh", "-n", kboot.toString()).status());
        for (String hook : List.of("etc/kernel/postinst.d/zz-kboot", "etc/kernel/postrm.d/zz-kboot",
                "usr/lib/kernel/install.d/90-kboot.install")) {
            assertEquals(new Run(0, ""), run(root, "sh", "-n", root.resolve(hook).toString()), hook);
        }
        Run help = run(root, kboot.toString(), "--help");
        assertEquals(0, help.status());
        assertEquals("kboot: the boots compiled by kbootc and installed on this host, in /etc/kboot/boots/<boot>/.",
                help.output().lines().findFirst().orElseThrow());
        assertEquals(new Run(2, "kboot: no boot nosuch in /etc/kboot/boots (kboot list shows them)\n"),
                run(root, kboot.toString(), "load", "nosuch"));
        assertEquals(new Run(2, "kboot: unknown command frobnicate (kboot --help)\n"), run(root, kboot.toString(), "frobnicate"));
        assertEquals(new Run(0, ""), run(root, root.resolve("usr/lib/kernel/install.d/90-kboot.install").toString(), "inspect", "6.1.0"));
    }

    /** A root with the package unpacked, systemd's own units, and a boot folder for each instance verified. */
    private static Path hostWithThePackage(String name) throws Exception {
        Path host = Files.createDirectories(hosts.resolve(name));
        assertEquals(0, run(host, "dpkg-deb", "-x", deb.toString(), host.toString()).status());
        assertEquals(0, run(host, "cp", "-an", "/usr/lib/systemd/system/.", host.resolve("lib/systemd/system").toString()).status());
        for (String boot : List.of("kdump", "next")) {
            Path folder = Files.createDirectories(host.resolve("etc/kboot/boots").resolve(boot));
            Files.writeString(folder.resolve("loader"), "");
        }
        return host;
    }
}
