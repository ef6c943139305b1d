package org.kexec.runtime.loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The class-data archive the {@code loader} script runs a loader with: one Java build records it, and only the same
 * build maps it (another starts without it, and says nothing). The script does not ask which Java it starts, which
 * would take processes before Java (two cost a load 0.1 s under emulation); Java keeps the record instead. The run
 * that records an archive writes beside it which Java it is (its stamp), and a run that maps one compares: an archive
 * another Java recorded, or one without a stamp, is deleted, and the next plan or load records one for this Java.
 */
final class ClassDataArchive {

    /** Set by the script to the archive a run maps. */
    static final String MAPPED = "kboot.loader.archive";
    /** Set by the script to where the archive a run records goes: the JVM writes it at exit, the script moves it there. */
    static final String RECORDED = "kboot.loader.recordsArchive";
    /** The stamp's name: the archive's with this suffix. */
    static final String STAMP = ".java";

    private ClassDataArchive() {
    }

    /**
     * On a run that maps an archive, deletes it with its stamp unless this Java recorded it; on a run that records one,
     * writes this Java's stamp for it. Nothing here stops a run: an archive that cannot be checked or stamped is only
     * recorded again later.
     */
    static void keepForThisJava() {
        String mapped = System.getProperty(MAPPED);
        if (mapped != null) {
            Path archive = Path.of(mapped);
            try {
                if (!Files.readString(stampOf(archive), StandardCharsets.UTF_8).equals(thisJava())) {
                    forget(archive);
                }
            } catch (NoSuchFileException e) {
                forget(archive);
            } catch (IOException e) {
                // Unreadable: left as it is.
            }
        }
        recording().ifPresent(archive -> {
            try {
                Files.writeString(stampOf(archive), thisJava(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // Unstamped, the archive is deleted at its first use and recorded again.
            }
        });
    }

    /** The archive this run records, if it records one. */
    static Optional<Path> recording() {
        return Optional.ofNullable(System.getProperty(RECORDED)).map(Path::of);
    }

    /**
     * What tells Java builds apart as the JVM does when it maps an archive: the Java home, the VM's version, and the time
     * its library was built (a rebuild of the same version is another build).
     */
    static String thisJava() {
        String home = System.getProperty("java.home");
        String built;
        try {
            built = Files.getLastModifiedTime(Path.of(home, "lib", "server", "libjvm.so")).toString();
        } catch (IOException e) {
            built = "unknown";
        }
        return home + "\n" + System.getProperty("java.vm.version") + "\n" + built + "\n";
    }

    static Path stampOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + STAMP);
    }

    private static void forget(Path archive) {
        try {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(stampOf(archive));
        } catch (IOException e) {
            // The folder is read-only now: the stale archive only costs time.
        }
    }
}
