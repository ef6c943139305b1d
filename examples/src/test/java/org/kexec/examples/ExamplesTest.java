package org.kexec.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.generator.cli.Kbootc;

/**
 * Every bundled example compiles without errors or warnings, is formatted canonically, and produces exactly the
 * outputs kept in {@code expected/}, byte for byte (boot.json, and the purgatory tables with their listings) (regenerate them with {@code ./kbootc compile examples -o examples/expected}
 * after an intended change).
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

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
        assertEquals(expected, files(out));
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
}
