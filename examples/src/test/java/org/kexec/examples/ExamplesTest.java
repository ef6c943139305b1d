package org.kexec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.generator.cli.Kbootc;

/**
 * Every bundled example compiles without errors or warnings, is formatted canonically, and produces exactly the
 * outputs kept in {@code expected/}, byte for byte (boot.json, the loader's source, and the purgatory tables with
 * their listings; regenerate them with {@code ./kbootc compile examples -o examples/expected} after an intended change,
 * and delete the jars and native stubs it writes there). Each boot's loader jar runs on its own, with the runtime jar beside it only.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();
    /** The bundled boots that verify a signature, whose loaders alone run beside BouncyCastle. */
    private static final Set<String> SIGNED = Set.of("fleet.secure.secure_reboot");

    @TempDir
    Path out;

    private static int kbootc(StringWriter output, String... args) {
        PrintWriter writer = new PrintWriter(output, true);
        return Kbootc.commandLine(writer, writer).execute(args);
    }

    @Test
    void everyExampleCompilesCleanly() {
        StringWriter output = new StringWriter();
        assertEquals(0, kbootc(output, "check", EXAMPLES.toString()), output.toString());
        assertEquals(List.of(), output.toString().lines()
                .filter(line -> line.contains(": error: ") || line.contains(": warning: ")).toList());
        assertEquals("kbootc: 0 errors, 0 warnings in 7 files", output.toString().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void everyExampleIsFormatted() {
        StringWriter output = new StringWriter();
        assertEquals(0, kbootc(output, "fmt", "--check", EXAMPLES.toString()), output.toString());
    }

    @Test
    void outputsMatchTheExpectedFiles() throws IOException {
        StringWriter output = new StringWriter();
        assertEquals(0, kbootc(output, "compile", EXAMPLES.toString(), "-o", out.toString()), output.toString());
        List<Path> expected = files(EXAMPLES.resolve("expected"));
        assertEquals(expected, files(out).stream().filter(file -> !file.toString().endsWith(".jar") && !file.toString().endsWith(".so"))
                .toList());
        for (Path file : expected) {
            assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve("expected").resolve(file)), Files.readAllBytes(out.resolve(file)),
                    file.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void everyBootGetsARunnableLoaderWithoutTheLanguage() throws Exception {
        StringWriter output = new StringWriter();
        assertEquals(0, kbootc(output, "compile", EXAMPLES.toString(), "-o", out.toString()), output.toString());
        for (Path boot : Files.list(EXAMPLES.resolve("expected")).sorted().toList()) {
            Path loader = out.resolve(boot.getFileName()).resolve("loader.jar");
            boolean signed = SIGNED.contains(boot.getFileName().toString());
            try (JarFile jar = new JarFile(loader.toFile())) {
                Attributes manifest = jar.getManifest().getMainAttributes();
                assertEquals("kboot.generated." + boot.getFileName() + ".BootLoader", manifest.getValue(Attributes.Name.MAIN_CLASS));
                assertEquals(signed ? "kboot-runtime.jar kboot-bouncycastle.jar" : "kboot-runtime.jar",
                        manifest.getValue(Attributes.Name.CLASS_PATH));
            }
            assertEquals(signed, Files.exists(out.resolve(boot.getFileName()).resolve("kboot-bouncycastle.jar")), boot.toString());
            try (JarFile runtime = new JarFile(out.resolve(boot.getFileName()).resolve("kboot-runtime.jar").toFile())) {
                assertEquals(List.of(), runtime.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith("org/eclipse/") || name.startsWith("com/google/inject/")
                                || name.startsWith("org/bouncycastle/")).toList(),
                        "the runtime jar carries no Xtext, EMF, Guice or BouncyCastle");
            }
            if (!signed) {
                continue;
            }
            try (JarFile bouncycastle = new JarFile(out.resolve(boot.getFileName()).resolve("kboot-bouncycastle.jar").toFile())) {
                assertEquals(List.of(), bouncycastle.stream().map(JarEntry::getName)
                        .filter(name -> !name.startsWith("org/bouncycastle/") && !name.startsWith("META-INF/")
                                && !name.equals("org/")).toList(),
                        "the BouncyCastle jar carries BouncyCastle alone");
                assertEquals(null, bouncycastle.getEntry("META-INF/services/java.security.Provider"),
                        "kboot registers no BouncyCastle provider");
                assertEquals(null, bouncycastle.getManifest(),
                        "no manifest: BouncyCastle's lists a digest of every class, which the JVM reads at each start");
            }
        }
        // The probe boot reads only built-in images: its loader plans against this machine's real memory map.
        Process plan = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                out.resolve("fleet.smoke.probe_boot/loader.jar").toString(), "plan").redirectErrorStream(true).start();
        List<String> lines = new String(plan.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, plan.waitFor(), String.join("\n", lines));
        assertEquals("plan for fleet.smoke.probe_boot: linux, default, 3 segments", lines.get(0));
        assertEquals("flags      0x3e0000 (KEXEC_ARCH_X86_64)", lines.get(6));
        assertEquals("cmdline    kboot.smoke=1", lines.get(7));
    }
}
