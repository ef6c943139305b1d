package org.kexec.examples.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compiled boot's {@code loader} script runs the boot's loader as {@code java -jar loader.jar} does, with the same
 * output, and its first plan records the class-data archive that later runs map, with what a load uses (native
 * bindings included), and which Java recorded it: an archive of another Java is deleted and recorded again.
 */
class LauncherTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void theLoaderScriptRunsTheLoaderAndRecordsItsArchiveOnce() throws Exception {
        Path out = work.resolve("out");
        Commands.Result compiled = Commands.run(work, List.of(ROOT.resolve("kbootc").toString(), "compile",
                ROOT.resolve("examples/probe-smoke-test.kboot").toString(), "-o", out.toString()));
        assertEquals(0, compiled.status(), compiled.output());
        Path boot = out.resolve("fleet.smoke.probe_boot");
        List<String> plan = List.of("plan", "--memmap", "qemu-1g");
        List<String> byScript = Stream.concat(Stream.of(boot.resolve("loader").toString()), plan.stream()).toList();

        Commands.Result byJar = Commands.run(boot, Stream.concat(Stream.of("java", "-jar", "loader.jar"), plan.stream()).toList());
        assertEquals(0, byJar.status(), byJar.output());
        assertTrue(byJar.output().startsWith("plan for fleet.smoke.probe_boot: linux, default, 3 segments\n"), byJar.output());
        assertEquals(List.of(), archives(boot));

        Commands.Result first = Commands.run(work, byScript);
        assertEquals(byJar, first);
        Path archive = boot.resolve("loader.jsa");
        assertEquals(List.of(archive, stamp(archive)), archives(boot), "the first plan records the archive and its stamp");
        long recorded = Files.getLastModifiedTime(archive).toMillis();
        // The stamp names the Java that recorded the archive: its home, its VM's version, when its VM library was built
        // (milliseconds since 1970).
        List<String> stamp = Files.readAllLines(stamp(archive));
        Path home = Path.of(stamp.get(0));
        assertTrue(Files.isExecutable(home.resolve("bin/java")), stamp.toString());
        assertTrue(stamp.get(1).startsWith("17."), stamp.toString());
        assertEquals(List.of(home.toString(), stamp.get(1), Long.toString(Files.getLastModifiedTime(home.resolve("lib/server/libjvm.so")).toMillis())),
                stamp);
        Commands.Result dictionary = Commands.run(boot, List.of("java", "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-XX:+PrintSharedDictionary", "-cp", "loader.jar:kboot-runtime.jar",
                "kboot.generated.fleet.smoke.probe_boot.BootLoader"));
        // Classes of a load's own steps, past the backend's: the load as the plan rehearsed it, up to the system call's
        // own (jnr-ffi's invocation, which the rehearsal goes through with getpid's number).
        for (String used : List.of("jnr.ffi.LibraryLoader", "org.kexec.runtime.backend.linux.NativeLibC",
                "org.kexec.runtime.backend.KexecSegmentStruct", "jnr.ffi.Memory", "org.kexec.runtime.loader.HostLock",
                "org.kexec.runtime.loader.HostLoader$Call", "jnr.ffi.provider.InvocationSession",
                "com.kenai.jffi.HeapInvocationBuffer")) {
            assertTrue(dictionary.output().contains(": " + used + " app_loader"),
                    "a plan's archive holds what a load uses too: " + used + "\n" + dictionary.output());
        }

        Commands.Result second = Commands.run(work, byScript);
        assertEquals(byJar, second);
        assertEquals(List.of(archive, stamp(archive)), archives(boot));
        assertEquals(recorded, Files.getLastModifiedTime(archive).toMillis(), "later runs map the archive, not record it");

        Path link = Files.createSymbolicLink(work.resolve("kboot-probe"), boot.resolve("loader"));
        Commands.Result linked = Commands.run(work, Stream.concat(Stream.of(link.toString()), plan.stream()).toList());
        assertEquals(byJar, linked, "run through a symbolic link, the script finds the jars beside its target");

        Files.writeString(stamp(archive), "/usr/lib/jvm/another\n17.0.1+12\n1634601600000\n");
        assertEquals(byJar, Commands.run(work, byScript));
        assertEquals(List.of(), archives(boot), "an archive another Java recorded is deleted with its stamp");
        assertEquals(byJar, Commands.run(work, byScript));
        assertEquals(List.of(archive, stamp(archive)), archives(boot), "and the next plan records it again");
    }

    /** The loader's archive and its stamp, where there are any. */
    private static List<Path> archives(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("loader.jsa")).sorted().toList();
        }
    }

    private static Path stamp(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".java");
    }
}
