package org.kexec.runtime.purgatory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host-compiled harnesses the purgatory build leaves in target/purgatory-host. */
final class PurgatoryHarness {

    private static final Path HOST = Path.of("target/purgatory-host");

    private PurgatoryHarness() {
    }

    /** Runs {@code program args…} with {@code input} on stdin and returns its stdout. */
    static byte[] run(String program, byte[] input, String... args) throws IOException, InterruptedException {
        Path executable = HOST.resolve(program);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable.toAbsolutePath() + " is missing: the purgatory build makes it");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        Thread feeder = new Thread(() -> {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        feeder.start();
        byte[] output = process.getInputStream().readAllBytes();
        feeder.join();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
        return output;
    }
}
