package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The specs a change is compared with: a folder holding the old specs, or a git revision of the repository the specs
 * are in, whose files under the same paths {@code git archive} copies into a temporary folder (with any images they
 * name by relative path). The inputs map one to one: {@code examples} at the revision becomes {@code TMP/examples}.
 */
final class BaseSpecs implements AutoCloseable {

    private final List<Path> inputs;
    private final Optional<Path> temporary;

    private BaseSpecs(List<Path> inputs, Optional<Path> temporary) {
        this.inputs = inputs;
        this.temporary = temporary;
    }

    /** The base's inputs, in the order of the change's; an input the base lacks is left out. */
    List<Path> inputs() {
        return inputs;
    }

    /**
     * The base named by {@code base}: an existing folder, else a git revision of the repository {@code inputs} are in.
     */
    static BaseSpecs of(String base, List<Path> inputs) throws UsageException {
        Path folder = Path.of(base);
        if (Files.isDirectory(folder)) {
            return new BaseSpecs(List.of(folder), Optional.empty());
        }
        Path first = inputs.get(0).toAbsolutePath().normalize();
        Path repository = Path.of(git(Files.isDirectory(first) ? first : first.getParent(), "rev-parse", "--show-toplevel").strip());
        String commit = git(repository, "rev-parse", "--verify", "--quiet", base + "^{commit}").strip();
        Path temporary;
        try {
            temporary = Files.createTempDirectory("kboot-base-");
        } catch (IOException e) {
            throw new UsageException("cannot create a folder for the base's specs: " + e.getMessage());
        }
        List<Path> baseInputs = new ArrayList<>();
        try {
            for (Path input : inputs) {
                String relative = repository.relativize(input.toAbsolutePath().normalize()).toString();
                String path = relative.isEmpty() ? "." : relative;
                if (git(repository, "ls-tree", "--name-only", commit, "--", path).isBlank()) {
                    continue;
                }
                // The whole folder of a file: the specs it imports from beside it, and images it names relatively.
                Path parent = Path.of(path).getParent();
                archive(repository, commit, Files.isDirectory(input) || parent == null ? path : parent.toString(), temporary);
                baseInputs.add(temporary.resolve(path).normalize());
            }
        } catch (UsageException e) {
            delete(temporary);
            throw e;
        }
        return new BaseSpecs(baseInputs, Optional.of(temporary));
    }

    /** Extracts {@code path} at {@code commit} into {@code into}, keeping its path. */
    private static void archive(Path repository, String commit, String path, Path into) throws UsageException {
        run(new ProcessBuilder("sh", "-c", "git archive --format=tar \"$0\" -- \"$1\" | tar -x -C \"$2\"", commit, path,
                into.toString()).directory(repository.toFile()), "git archive " + commit + " -- " + path);
    }

    private static String git(Path directory, String... arguments) throws UsageException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        return run(new ProcessBuilder(command).directory(directory.toFile()), String.join(" ", command));
    }

    private static String run(ProcessBuilder builder, String what) throws UsageException {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                String reason = output.lines().findFirst().orElse("exit status " + process.exitValue());
                throw new UsageException("--base: " + what + " failed: " + reason
                        + " (--base takes a folder of old specs or a git revision of the specs' repository)");
            }
            return output;
        } catch (IOException e) {
            throw new UsageException("--base needs git for a revision: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while reading the base's specs");
        }
    }

    @Override
    public void close() {
        temporary.ifPresent(BaseSpecs::delete);
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless; the review itself is complete.
        }
    }
}
