package org.kexec.runtime.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;

/**
 * Which crash boot kboot armed last on this host, kept in a state folder ({@code /run/kboot} by default: it must
 * not outlive the boot, as the armed image does not). Linux frees the armed crash image before it loads a new one,
 * so when a reload fails this record is how kboot arms the previous one again. One file: the base folder the boot's
 * relative paths start from on the first line, the boot's JSON after it; replaced atomically.
 */
final class ArmedCrashRecord {

    static final String FILE = "armed-crash-boot";

    /** A remembered crash boot and the folder its relative image paths start from. */
    record Armed(BootSpec spec, Path base) {
    }

    private final Path folder;

    ArmedCrashRecord(Path folder) {
        this.folder = folder;
    }

    void write(BootSpec spec, Path base) throws IOException {
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, FILE, ".tmp");
        Files.writeString(temporary, base.toAbsolutePath() + "\n" + BootSpecJson.write(spec), StandardCharsets.UTF_8);
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Optional<Armed> read() throws IOException {
        try {
            String text = Files.readString(folder.resolve(FILE), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline < 0) {
                throw new IOException(folder.resolve(FILE) + " is damaged: it has no base folder line");
            }
            return Optional.of(new Armed(BootSpecJson.read(text.substring(newline + 1)), Path.of(text.substring(0, newline))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new IOException(folder.resolve(FILE) + " is damaged: " + e.getMessage(), e);
        }
    }

    void clear() throws IOException {
        Files.deleteIfExists(folder.resolve(FILE));
    }
}
