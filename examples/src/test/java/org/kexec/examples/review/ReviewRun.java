package org.kexec.examples.review;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.kexec.generator.cli.Kbootc;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.verify.TestCertificates;

/**
 * What the review tests share: a recorded host root holding the files the bundled examples name (a bzImage with
 * Debian 12's header, and initrds of fixed bytes), and kbootc run as its command line runs.
 */
final class ReviewRun {

    static final Path EXAMPLES = Path.of("").toAbsolutePath();
    /** The running command line the reviews plan {@code reuse running} with. */
    static final String RUNNING_CMDLINE = "BOOT_IMAGE=/boot/vmlinuz-6.1.0-56-amd64 root=/dev/vda1 ro console=ttyS0,115200";

    /** kbootc's exit status and everything it printed. */
    record Result(int status, String output) {
    }

    private ReviewRun() {
    }

    static Result kbootc(String... args) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int status = Kbootc.commandLine(writer, writer).execute(args);
        return new Result(status, output.toString());
    }

    /** {@code kbootc review} of {@code specs} against {@code root}, with the given extra arguments. */
    static Result review(Path specs, Path out, Path root, String... more) {
        List<String> args = new ArrayList<>(List.of("review", specs.toString(), "-o", out.toString(), "--root", root.toString(),
                "--running-cmdline", RUNNING_CMDLINE));
        args.addAll(Arrays.asList(more));
        return kbootc(args.toArray(String[]::new));
    }

    /**
     * A host's root with the images the examples name, of fixed bytes, and a stand-in for Debian's Secure Boot CA
     * (which the unsigned kernel does not chain to).
     */
    static Path hostRoot(Path root) throws Exception {
        write(root.resolve("boot/vmlinuz-6.1.0-56-amd64"), BzImages.debian12(1 << 20));
        write(root.resolve("usr/share/kboot/certs/debian-secure-boot-ca.pem"), TestCertificates.pem(TestCertificates.authority(
                "CN=Debian Secure Boot CA", TestCertificates.keyPair())).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        write(root.resolve("boot/initrd.img-6.1.0-56-amd64"), pattern(3 << 20, 7));
        write(root.resolve("var/lib/kdump/initrd.img-6.1.0-56-amd64"), pattern(1 << 20, 13));
        return root;
    }

    /** A copy of the bundled examples' specs in {@code folder}. */
    static Path copyOfExamples(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> specs = Files.list(EXAMPLES)) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".kboot")).toList()) {
                Files.copy(spec, folder.resolve(spec.getFileName()));
            }
        }
        return folder;
    }

    /** Replaces {@code old} with {@code now} in one spec, which must contain it. */
    static void edit(Path spec, String old, String now) throws IOException {
        String text = Files.readString(spec);
        if (!text.contains(old)) {
            throw new IllegalArgumentException(spec + " does not contain " + old);
        }
        Files.writeString(spec, text.replace(old, now));
    }

    /**
     * Asserts that {@code actual} is the bundled examples' file {@code name}; if not, leaves it in
     * {@code target/review-actual/} to copy over after an intended change.
     */
    static void assertExpected(String name, String actual) throws IOException {
        String expected = Files.exists(EXAMPLES.resolve(name)) ? Files.readString(EXAMPLES.resolve(name)) : "";
        if (!expected.equals(actual)) {
            Path copy = EXAMPLES.resolve("target/review-actual").resolve(name);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, actual);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, name + " differs; the new one is in target/review-actual/");
    }

    /**
     * The change of the byte-compared comparison, several things at once: the lab boots' hash set to none, the kdump
     * boot's root changed, the secure boot's signature requirement dropped, and a new probe boot.
     */
    static void severalChanges(Path specs) throws IOException {
        edit(specs.resolve("custom-entry.kboot"), "hash sha512", "hash none");
        edit(specs.resolve("kdump.kboot"), "\"root=/dev/vda1 ro\"", "\"root=/dev/vda2 ro\"");
        edit(specs.resolve("signed-file-load.kboot"), "    signed by debian_ca\n", "");
        Files.writeString(specs.resolve("probe-smoke-test.kboot"), Files.readString(specs.resolve("probe-smoke-test.kboot"))
                + "\nboot probe_quiet extends probe_boot {\n    append \"quiet\"\n}\n");
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * seed + (i >>> 12));
        }
        return bytes;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
