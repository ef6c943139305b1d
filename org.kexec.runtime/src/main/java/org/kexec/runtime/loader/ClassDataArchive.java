package org.kexec.runtime.loader;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The class-data archive the {@code loader} script runs a loader with: one Java build records it, and only the same
 * build maps it (another starts without it, and says nothing). The script does not ask which Java it starts, which
 * would take processes before Java (the two it took, 0.16-0.28 s of a load in traced runs under emulation); Java keeps
 * the record instead. The run
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
     * recorded again later. Every command runs this first, {@code status} too, so it takes no lambda and no
     * {@code java.time}: either would start machinery (100 classes, and a class generated at run time) that
     * {@code status} has no other use for.
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
        String recorded = System.getProperty(RECORDED);
        if (recorded != null) {
            try {
                Files.writeString(stampOf(Path.of(recorded)), thisJava(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                // Unstamped, the archive is deleted at its first use and recorded again.
            }
        }
    }

    /** Whether this run records an archive. */
    static boolean recording() {
        return System.getProperty(RECORDED) != null;
    }

    /**
     * What tells Java builds apart as the JVM does when it maps an archive: the Java home, the VM's version, and when
     * its library was built, in milliseconds since 1970, 0 if it is not where a JDK keeps it (a rebuild of the same
     * version is another build).
     */
    static String thisJava() {
        String home = System.getProperty("java.home");
        // java.io.File's time: java.nio.file's reads every attribute through a dozen classes status loads for nothing else.
        long built = new File(home, "lib/server/libjvm.so").lastModified();
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
