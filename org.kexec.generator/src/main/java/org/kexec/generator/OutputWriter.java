package org.kexec.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes generated files so that no reader ever sees half of them: everything is first written into a staging
 * folder beside the output folder, then the staging folder becomes the output folder (when there was none) or
 * each file is moved into it atomically. A failure while staging removes the staging folder and leaves the
 * output folder as it was. Files generated from the very same byte array are written once and hard-linked.
 */
public final class OutputWriter {

    private OutputWriter() {
    }

    public static void write(Path out, List<GeneratedFile> files) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException(out + " exists and is not a directory");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
        try {
            Map<byte[], Path> written = new IdentityHashMap<>();
            for (GeneratedFile file : files) {
                Path path = staging.resolve(file.path());
                Files.createDirectories(path.getParent());
                Path first = written.putIfAbsent(file.contents(), path);
                if (first == null || !link(path, first)) {
                    Files.write(path, file.contents());
                }
                if (file.executable()) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            if (!Files.exists(target)) {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            for (GeneratedFile file : files) {
                Path destination = target.resolve(file.path());
                Files.createDirectories(destination.getParent());
                Files.move(staging.resolve(file.path()), destination, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteRecursively(staging);
        }
    }

    /**
     * Hard-links {@code path} to {@code first}, which holds the same bytes (each boot's copy of the runtime jar: one
     * on disk however many boots there are); false where the file system cannot link.
     */
    private static boolean link(Path path, Path first) {
        try {
            Files.createLink(path, first);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Replaces one file's contents atomically (a temporary file beside it, then a rename). */
    public static void replace(Path file, byte[] contents) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, contents);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
