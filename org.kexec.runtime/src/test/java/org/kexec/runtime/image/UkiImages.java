package org.kexec.runtime.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified Kernel Images for tests, built as distributions without ukify build them: Debian's systemd-stub
 * ({@code linuxx64.efi.stub} from {@code systemd-boot-efi}, fetched once with {@code apt-get download} into
 * {@code ~/.cache/kboot/systemd-boot-efi}) with {@code .osrel}, {@code .cmdline}, {@code .uname}, {@code .linux} and
 * {@code .initrd} added by objcopy.
 */
public final class UkiImages {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "kboot", "systemd-boot-efi");

    private UkiImages() {
    }

    /** A UKI in {@code work} of {@code kernel}, an initrd of {@code initrd} bytes and {@code cmdline}. */
    public static Path build(Path work, Path kernel, byte[] initrd, String cmdline, String uname) throws Exception {
        Path stub = stub();
        Files.createDirectories(work);
        Path osrel = Files.writeString(work.resolve("osrel"), "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
        Path cmdlineFile = Files.writeString(work.resolve("cmdline"), cmdline);
        Path unameFile = Files.writeString(work.resolve("uname"), uname);
        Path initrdFile = Files.write(work.resolve("initrd"), initrd);
        Path uki = work.resolve("uki.efi");
        run(work, "objcopy", "--add-section", ".osrel=" + osrel, "--change-section-vma", ".osrel=0x20000",
                "--add-section", ".cmdline=" + cmdlineFile, "--change-section-vma", ".cmdline=0x30000",
                "--add-section", ".uname=" + unameFile, "--change-section-vma", ".uname=0x40000",
                "--add-section", ".linux=" + kernel, "--change-section-vma", ".linux=0x2000000",
                "--add-section", ".initrd=" + initrdFile, "--change-section-vma", ".initrd=0x3000000",
                stub.toString(), uki.toString());
        return uki;
    }

    /** Debian's systemd-stub, fetched once. */
    public static synchronized Path stub() throws Exception {
        Path stub = CACHE.resolve("usr/lib/systemd/boot/efi/linuxx64.efi.stub");
        if (Files.exists(stub)) {
            return stub;
        }
        Path download = Files.createTempDirectory("kboot-systemd-boot-efi");
        run(download, "apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", "systemd-boot-efi");
        Path deb;
        try (var files = Files.list(download)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        Files.createDirectories(CACHE);
        run(download, "dpkg-deb", "-x", deb.toString(), CACHE.toString());
        Files.delete(deb);
        Files.delete(download);
        return stub;
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
