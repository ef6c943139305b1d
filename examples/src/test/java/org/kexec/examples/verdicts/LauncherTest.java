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
 * output, and its first plan records the class-data archive that later runs map, native bindings included.
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

        Commands.Result byJar = Commands.run(boot, Stream.concat(Stream.of("java", "-jar", "loader.jar"), plan.stream()).toList());
        assertEquals(0, byJar.status(), byJar.output());
        assertTrue(byJar.output().startsWith("plan for fleet.smoke.probe_boot: linux, default, 3 segments\n"), byJar.output());
        assertEquals(List.of(), archives(boot));

        Commands.Result first = Commands.run(work, Stream.concat(Stream.of(boot.resolve("loader").toString()), plan.stream()).toList());
        assertEquals(byJar, first);
        assertEquals(1, archives(boot).size(), "the first plan records the archive");
        Path archive = archives(boot).get(0);
        long recorded = Files.getLastModifiedTime(archive).toMillis();
        Commands.Result dictionary = Commands.run(boot, List.of("java", "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-XX:+PrintSharedDictionary", "-jar", "loader.jar"));
        for (String used : List.of("jnr.ffi.LibraryLoader", "org.kexec.runtime.backend.linux.NativeLibC",
                "org.kexec.runtime.backend.KexecSegmentStruct", "jnr.ffi.Memory", "org.kexec.runtime.loader.HostLock")) {
            assertTrue(dictionary.output().contains(": " + used + " app_loader"),
                    "a plan's archive holds what a load uses too: " + used + "\n" + dictionary.output());
        }

        Commands.Result second = Commands.run(work, Stream.concat(Stream.of(boot.resolve("loader").toString()), plan.stream()).toList());
        assertEquals(byJar, second);
        assertEquals(List.of(archive), archives(boot));
        assertEquals(recorded, Files.getLastModifiedTime(archive).toMillis(), "later runs map the archive, not record it");

        Path link = Files.createSymbolicLink(work.resolve("kboot-probe"), boot.resolve("loader"));
        Commands.Result linked = Commands.run(work, Stream.concat(Stream.of(link.toString()), plan.stream()).toList());
        assertEquals(byJar, linked, "run through a symbolic link, the script finds the jars beside its target");
    }

    private static List<Path> archives(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("loader-.*\\.jsa")).toList();
        }
    }
}
