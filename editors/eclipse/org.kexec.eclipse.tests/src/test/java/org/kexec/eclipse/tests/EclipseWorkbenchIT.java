package org.kexec.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kboot's editor in a real Eclipse 4.34 workbench: the workbench assembled from Maven Central jars, kboot installed
 * from the dropins folder the build makes (its own language server inside), the scenario bundle driving it under
 * Xvfb. Each feature is asserted from what the workbench showed; a run whose server command does nothing fails.
 */
class EclipseWorkbenchIT {

    private static final Path TARGET = Path.of("target");
    private static final Path EXAMPLES = Path.of("../../../examples");
    private static final long WORKBENCH_SECONDS = 300;

    private static EclipseInstallation eclipse;

    @BeforeAll
    static void assemble() throws IOException {
        Path home = TARGET.resolve("eclipse");
        deleteTree(home);
        Path scenario;
        try (Stream<Path> jars = Files.list(TARGET)) {
            scenario = jars.filter(p -> p.getFileName().toString().matches("org\\.kexec\\.eclipse\\.tests-.*\\.jar")).findFirst().orElseThrow();
        }
        eclipse = EclipseInstallation.assemble(home, TARGET.resolve("workbench-jars"), TARGET.resolve("dropins"), List.of(scenario));
    }

    @Test
    void editsKbootSpecsInTheWorkbench() throws Exception {
        Run run = runScenario("editor", null);
        String error = "A 16550 UART runs at 115200 divided by a whole number, so baud 115201 is impossible: use 115200, 57600,"
                + " 38400, 19200 or 9600.";
        List<String> expected = List.of(
                "editor: org.eclipse.ui.genericeditor.GenericEditor",
                "first marker after open: # ms",
                "marker: 24: " + error,
                "annotation: org.eclipse.ui.workbench.texteditor.error line 24: " + error,
                "folds: [6-29, 12-15, 17-21, 22-25, 26-28]",
                "style boot: rgb(127,0,85) bold",
                "style crash_kernel: rgb(0,0,0) bold",
                "style vmlinuz: rgb(0,80,160)",
                "style kexec_load: rgb(0,0,192) italic",
                "style 0x3f8: rgb(0,112,112)",
                "style \"console=ttyS0,115200\": rgb(42,0,255)",
                "style // A kdump: rgb(63,127,95)",
                "outline: fleet.kdump",
                "outline:   fleet.kdump.crash_kernel",
                "completion after 'target ': linux, xen",
                "hover 256M: 256M = 0x10000000 = 268435456 bytes = 256.00 MiB",
                "definition of vmlinuz: debian-images.kboot line 4 selects 'vmlinuz'",
                "line 24 after typing: console serial 0x3f8 baud 115200",
                "markers after the fix: 0",
                "keystroke to marker update: # ms",
                "annotations after the fix: 0",
                "formatted: // Formatted in the editor by the scenario.",
                "formatted: package fleet.messy",
                "formatted: ",
                "formatted: import fleet.debian.*",
                "formatted: ",
                "formatted: boot quick {",
                "formatted:     target linux",
                "formatted:     kernel vmlinuz",
                "formatted:     cmdline {",
                "formatted:         \"console=ttyS0\"",
                "formatted:     }",
                "formatted: }",
                "preferences: kboot: kboot's language server serves .kboot files. Leave the command empty to run the server"
                        + " that came with this plug-in (server/kboot-ls.jar in its dropins folder), else kboot-ls on PATH."
                        + " | Server command: | []",
                "servers running: 1",
                "marker from the new server: 24: A 16550 UART runs at 115200 divided by a whole number, so baud 1152001 is"
                        + " impossible: use 115200, 57600, 38400, 19200 or 9600.",
                "done");
        List<String> seen = run.lines().stream().map(line -> line.replaceFirst("^(.*: )[0-9]+( ms)$", "$1#$2")).toList();
        assertEquals(String.join("\n", expected), String.join("\n", seen));
        for (String screenshot : List.of("1-error", "2-outline", "3-completion", "4-hover", "5-fixed", "6-formatted", "7-preferences")) {
            assertTrue(Files.size(run.folder().resolve(screenshot + ".png")) > 10_000, screenshot);
        }
        assertTrue(run.console().contains("kboot-ls.jar exited with status 137; it starts again for the next request."),
                run.console());
        // The numbers a reader wants: how long the server took to report, and a keystroke until its marker went.
        run.lines().stream().filter(line -> line.endsWith(" ms")).forEach(line -> System.out.println("eclipse: " + line));
    }

    @Test
    void aServerThatDoesNothingFailsTheScenario() throws Exception {
        Run run = runScenario("control", "true");
        assertEquals(List.of("editor: org.eclipse.ui.genericeditor.GenericEditor", "FAIL marker: nothing within 30 s"), run.lines());
        assertTrue(run.console().contains("kboot language server: /bin/sh -c exec true exited with status 0 before answering"
                + " initialize. Set the command that starts it under Preferences › kboot"), run.console());
    }

    private record Run(Path folder, List<String> lines, String console) {
    }

    /** Runs the workbench on a fresh workspace holding the examples' specs, with one having an error. */
    private Run runScenario(String name, String serverCommand) throws Exception {
        Path folder = TARGET.resolve("eclipse-runs").resolve(name).toAbsolutePath();
        deleteTree(folder);
        Path project = Files.createDirectories(folder.resolve("workspace/fleet"));
        Files.copy(EXAMPLES.resolve("debian-images.kboot"), project.resolve("debian-images.kboot"));
        String kdump = Files.readString(EXAMPLES.resolve("kdump.kboot"));
        Files.writeString(project.resolve("kdump.kboot"), kdump.replace("baud 115200", "baud 115201"));
        Files.writeString(project.resolve("messy.kboot"), MESSY);
        if (serverCommand != null) {
            Path settings = Files.createDirectories(folder.resolve("workspace/.metadata/.plugins/org.eclipse.core.runtime/.settings"));
            Files.writeString(settings.resolve("org.kexec.eclipse.prefs"), "eclipse.preferences.version=1\nserverCommand=" + serverCommand + "\n");
        }
        Path results = folder.resolve("results.txt");
        Path console = folder.resolve("console.log");
        try (VirtualDisplay display = VirtualDisplay.start(folder.resolve("xvfb.log"))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder workbench = new ProcessBuilder(java, "-Dkboot.eclipse.scenario=" + results, "-jar",
                    eclipse.launcher().toAbsolutePath().toString(), "-install", eclipse.home.toAbsolutePath().toString(),
                    "-configuration", folder.resolve("configuration").toString(), "-data", folder.resolve("workspace").toString(),
                    "-nosplash", "-consoleLog")
                    .redirectErrorStream(true).redirectOutput(console.toFile());
            Files.createDirectories(folder.resolve("configuration"));
            Files.copy(eclipse.home.resolve("configuration/config.ini"), folder.resolve("configuration/config.ini"));
            workbench.environment().put("DISPLAY", display.name);
            workbench.environment().put("NO_AT_BRIDGE", "1");
            workbench.environment().put("GDK_BACKEND", "x11");
            Process process = workbench.start();
            if (!process.waitFor(WORKBENCH_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the workbench did not finish within " + WORKBENCH_SECONDS + " s; see " + console);
            }
        }
        String log = Files.readString(console);
        String server = eclipse.home.resolve("dropins/kboot/server/kboot-ls.jar").toAbsolutePath().toString();
        List<String> left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(server))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left, "language servers still running after the workbench closed");
        assertTrue(Files.exists(results), "the scenario wrote nothing; the workbench said:\n" + log);
        return new Run(folder, Files.readAllLines(results, StandardCharsets.UTF_8), log);
    }

    private static final String MESSY = """
            // Formatted in the editor by the scenario.
            package fleet.messy
            import fleet.debian.*
            boot   quick{ target linux
              kernel vmlinuz
                cmdline {"console=ttyS0"}   }
            """;

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
