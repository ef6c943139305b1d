package org.kexec.examples.verdicts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs commands as a user types them, in a folder, and keeps their status and what they printed. */
final class Commands {

    private Commands() {
    }

    /**
     * @param stdout what the command printed on standard output
     * @param output standard output followed by standard error
     */
    record Result(int status, String stdout, String output) {
    }

    static Result run(Path folder, List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("kboot-out", ".txt");
        Path stderr = Files.createTempFile("kboot-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            int status = process.waitFor();
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            return new Result(status, out, out + Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.delete(stdout);
            Files.delete(stderr);
        }
    }

    /** Runs each command, two at a time (one per core), and returns the results in order. */
    static List<Result> runAll(Path folder, List<List<String>> commands) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (List<String> command : commands) {
                futures.add(pool.submit(() -> run(folder, command)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
