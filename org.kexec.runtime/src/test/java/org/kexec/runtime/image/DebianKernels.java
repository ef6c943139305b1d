package org.kexec.runtime.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's current amd64 kernels for tests, fetched with {@code apt-get download} by
 * {@code scripts/fetch-debian-kernel.sh} and cached by the package's SHA-256 outside the repository, and the
 * Debian Secure Boot CA their signatures chain to.
 */
public final class DebianKernels {

    /** A fetched kernel: the extracted vmlinuz and the package it came from. */
    public record Kernel(Path path, String packageName, String version, String debSha256) {
    }

    private static final Map<String, Kernel> FETCHED = new ConcurrentHashMap<>();

    private DebianKernels() {
    }

    /** The {@code signed}, {@code unsigned} or {@code cloud} kernel; prints which version a test uses. */
    public static Kernel fetch(String variant) {
        return FETCHED.computeIfAbsent(variant, DebianKernels::download);
    }

    /** The Debian Secure Boot CA certificate (PEM) that Debian's signed kernels chain to, taken from shim-signed. */
    public static synchronized Path secureBootCa() {
        return Path.of(runScript("fetch-debian-secure-boot-ca.sh"));
    }

    /** Debian's Xen 4.17 hypervisor, decompressed into the multiboot ELF QEMU boots with -kernel. */
    public static synchronized Path xen() {
        String[] fields = runScript("fetch-xen.sh").split(" ");
        System.out.println("Xen for tests: " + fields[1] + " " + fields[2]);
        return Path.of(fields[0]);
    }

    private static Kernel download(String variant) {
        String[] fields = runScript("fetch-debian-kernel.sh", variant).split(" ");
        Kernel kernel = new Kernel(Path.of(fields[0]), fields[1], fields[2], fields[3]);
        System.out.println("Debian kernel for tests: " + kernel.packageName() + " " + kernel.version() + " (" + kernel.path().getFileName() + ")");
        return kernel;
    }

    /** Runs one of the repository's fetch scripts and returns the line it prints. */
    private static String runScript(String name, String... arguments) {
        Path script = repositoryRoot().resolve("scripts").resolve(name);
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")");
            }
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The checkout's root: the nearest folder up from the module that holds {@code scripts/}. */
    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (folder.resolve("scripts/fetch-debian-kernel.sh").toFile().isFile()) {
                return folder;
            }
        }
        throw new IllegalStateException("scripts/fetch-debian-kernel.sh not found above " + Path.of("").toAbsolutePath());
    }
}
