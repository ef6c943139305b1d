package org.kexec.generator.loader;

import org.kexec.runtime.plan.LoadPaths;
import org.kexec.runtime.spec.BootSpec;

/**
 * The {@code loader} script beside each boot's jars: how hosts run a boot ({@code ./loader load}). It runs the
 * loader's jars on the host's Java with a class-data archive of the loader's classes, which the first {@code plan}
 * or {@code load} records for exactly that Java (beside the jars where it may write, else in {@code /run/kboot/cds}
 * under the boot's name) and every later run maps instead of loading and verifying each class again; the recording
 * run of a plan also rehearses the load short of the kernel (the host's lock, native code bound, the segments laid
 * out or the files sealed), so a load after a first plan finds its classes archived too (under emulation, a load
 * 4.6-5.0 s against 5.9-6.4 s when it bound native code alone; 3.80-4.13 s against 3.96-4.36 s with the whole
 * rehearsal and a leaner libc binding). With the serial collector, which a short-lived process wants; for the commands
 * that hash no image, with the interpreter alone (under emulation {@code status} runs in 1.05 s interpreted against
 * 1.45 s with the quick compiler); for those that do ({@link #compiled}), with the optimizing compiler alone (under
 * emulation, Debian's kernel and a 64 MiB initrd: {@code load} 6.96-7.81 s against 8.09-8.87 s tiered; on a real CPU
 * {@code plan} 251 ms against 240 ms), which compiles the JDK's digests after a hundredth of the usual calls
 * ({@code plan} 4.99-5.13 s against 5.43-5.47 s under emulation), their entry at its first calls and the Java that
 * hashes one block, which the CPU's hashing instructions replace in that entry, only on a CPU without them (it ran 64
 * times per call and was compiled first, half a second of the one emulated CPU: a load 3.81-4.01 s against
 * 4.22-4.45 s), and compiles nothing but the code that works
 * through megabytes: compiling the JDK's and jnr-ffi's start-up code, which runs once, took the one emulated CPU from
 * the load (binding jnr-ffi 0.86-0.95 s with nothing compiled against 1.30 s; a load 5.25-5.49 s against 5.69-6.72 s;
 * on a real CPU {@code plan} 0.23 s against 0.20 s). The JVM generates no machine code for instructions a command
 * cannot use (AES and Base64 for any, SHA for those the interpreter runs alone: the interpreter calls none of it): on a
 * real CPU {@code status} 48.8-58.6 ms against 52.8-60.3 ms (fastest to median of 40), the JVM's own start 28 ms
 * against 33 ms. Globbing is off, so the patterns in those flags reach Java as written. The script starts no process
 * before Java ({@code readlink} only when it is run through a symbolic link): under emulation every process counts,
 * and the two it took (finding {@code java} and reading its build time, which named the archive) took 0.16-0.28 s of
 * a load in traced runs; the loader checks instead that the archive it maps is its Java's ({@code ClassDataArchive}).
 * It names the jars and the main class itself, where {@code java -jar loader.jar} (which does the same work, only
 * slower to start) opens the jar to read them from its manifest: 120 classes of zip and jar reading.
 */
public final class LoaderLauncher {

    public static final String FILE = "loader";

    private LoaderLauncher() {
    }

    /** The script's text for one boot. */
    public static String render(BootSpec boot) {
        return """
                #!/bin/sh
                # %1$s: the loader of this boot. Usage: ./loader plan|load|exec|unload|status [--help]
                # Runs the loader's jars on the host's Java with a class-data archive that the first plan or load
                # records for that Java.
                set -fu
                self=$0
                [ -L "$self" ] && self=$(readlink -f -- "$self")
                case $self in */*) here=${self%%/*} ;; *) here=. ;; esac
                if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
                  java=$JAVA_HOME/bin/java
                elif command -v java > /dev/null; then
                  java=java
                else
                  echo "loader: no java on PATH: install a Java 17 runtime (Debian: openjdk-17-jre-headless)" >&2
                  exit 69
                fi
                # The jars by name and the main class: java -jar loader.jar would open loader.jar to read them.
                classes="%2$s"
                main=%3$s
                flags="-XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
                # The JVM writes machine code at start for the AES, Base64 and SHA instructions its compiled code
                # may use; no command uses the first two, and only the commands that compile hash.
                flags="$flags -XX:-UseAES -XX:-UseBASE64Intrinsics"
                # plan, load and reboot (which loads) hash images (a load that only hands files to kexec_file_load
                # does not), which wants the optimizing compiler, and only it: the quick compiler's tiers cost
                # more than they save in one run. It compiles only the code that works through megabytes (Java's
                # digests and big numbers, the decompressors, kboot's own), Java's digests at their first uses,
                # not after ten thousand blocks hashed by the interpreter; the start-up code around them runs
                # once. The digests' entry first, which the compiler fills with the CPU's hashing instructions: at
                # its second call, and the call after waits for it; the Java that hashes a block, which those
                # replace, only on a CPU without them. The other commands are over before any compiler would pay
                # off.
                entry=sun.security.provider.DigestBase::implCompressMultiBlock
                hot="-XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01"
                hot="$hot -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.DigestBase::*,0.001"
                hot="$hot -XX:CompileCommand=CompileThresholdScaling,$entry,0.0001 -XX:CompileCommand=BackgroundCompilation,$entry,false"
                for block in '*::implCompress0' 'ByteArrayAccess::*'; do
                  hot="$hot -XX:CompileCommand=CompileThresholdScaling,sun.security.provider.$block,10.0"
                done
                for code in sun.security java.math org.tukaani.xz io.airlift.compress org.kexec.runtime; do
                  hot="$hot -XX:CompileCommand=compileonly,$code.*::*"
                done
                case "${1:-}" in %4$s) flags="$flags -XX:-TieredCompilation $hot" ;; *) flags="$flags -Xint -XX:-UseSHA" ;; esac
                # Beside the jars where the first run could write it, else in /run/kboot/cds under this boot's name.
                # The loader deletes an archive that another Java recorded; the next plan or load records it again.
                for archive in "$here/loader.jsa" "/run/kboot/cds/%1$s.jsa"; do
                  if [ -f "$archive" ]%5$s; then
                    exec "$java" $flags -XX:SharedArchiveFile="$archive" -Dkboot.loader.archive="$archive" \\
                      -cp "$classes" $main "$@"
                  fi
                done
                # plan and load read, verify and plan a boot, and a plan that records also rehearses the load: what
                # they load is what every command needs.
                case "${1:-}" in plan|load) ;; *) exec "$java" $flags -cp "$classes" $main "$@" ;; esac
                for archive in "$here/loader.jsa" "/run/kboot/cds/%1$s.jsa"; do
                  folder=${archive%%/*}
                  if mkdir -p -m 0700 -- "$folder" 2>/dev/null && [ -w "$folder" ]; then
                    partial=$folder/.${archive##*/}.$$
                    "$java" $flags -Dkboot.loader.recordsArchive="$archive" -XX:ArchiveClassesAtExit="$partial" \\
                      -cp "$classes" $main "$@"
                    status=$?
                    [ -s "$partial" ] && mv -f -- "$partial" "$archive" 2>/dev/null
                    rm -f -- "$partial"
                    exit $status
                  fi
                done
                exec "$java" $flags -cp "$classes" $main "$@"
                """.formatted(boot.name(), classPath(boot), LoaderSource.className(boot), compiled(boot), newerThanJars(boot));
    }

    /**
     * The commands that run the optimizing compiler: {@code plan} (which hashes the images it reports), and
     * {@code load} and {@code reboot} (which loads first) unless the boot's load only hands files to kexec_file_load,
     * which the interpreter does sooner (under emulation 3.08-3.17 s against 3.31-3.36 s: the compiler's own start
     * costs more than it would save). A load that hashes needs it: the interpreter took 192 s to load Debian's kernel
     * and a 64 MiB initrd with kexec_load under emulation, against 3.7 s.
     */
    private static String compiled(BootSpec boot) {
        return LoadPaths.worksThroughImages(boot) ? "plan|load|reboot" : "plan";
    }

    /** The loader's jars as the script passes them to Java ({@code -cp}). */
    private static String classPath(BootSpec boot) {
        StringBuilder classes = new StringBuilder("$here/" + LoaderPackager.LOADER_JAR);
        for (String jar : LoaderPackager.classPath(boot)) {
            classes.append(":$here/").append(jar);
        }
        return classes.toString();
    }

    /** The test that an archive is newer than every jar it holds classes of. */
    private static String newerThanJars(BootSpec boot) {
        StringBuilder test = new StringBuilder(" \\\n    && [ \"$archive\" -nt \"$here/" + LoaderPackager.LOADER_JAR + "\" ]");
        for (String jar : LoaderPackager.classPath(boot)) {
            test.append(" \\\n    && [ \"$archive\" -nt \"$here/").append(jar).append("\" ]");
        }
        return test.toString();
    }
}
