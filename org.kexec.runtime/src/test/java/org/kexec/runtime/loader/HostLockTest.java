package org.kexec.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two kboot runs at once, as two processes: the second refuses with who holds the lock, or waits until the first is
 * done; a holder killed while it holds the lock leaves the host unlocked.
 */
class HostLockTest {

    @TempDir
    Path state;

    /** Starts a process that takes the lock and holds it for {@code millis}; returns once it holds it. */
    private Process holder(long millis) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HostLockHolder.class.getName(), state.toString(),
                "loader load fleet.kdump.crash_kernel", Long.toString(millis)).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", lines.readLine());
        return process;
    }

    @Test
    void aSecondRunRefusesWithWhoHoldsTheLock() throws Exception {
        Process first = holder(60_000);
        try {
            String holder = Files.readString(state.resolve(HostLock.FILE)).strip();
            assertEquals("pid " + first.pid() + ", loader load fleet.kdump.crash_kernel, since ",
                    holder.substring(0, holder.indexOf("since ") + "since ".length()));
            HostLoader.LoadException busy = assertThrows(HostLoader.LoadException.class,
                    () -> HostLock.acquire(state, "loader unload fleet.kdump.crash_kernel", Duration.ZERO, new PrintWriter(new StringWriter())));
            assertEquals("busy: another kboot run holds " + state.resolve(HostLock.FILE) + " (held by " + holder
                    + "); waited 0 s for it: run again when it is done, or give --wait SECONDS", busy.getMessage());
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSecondRunWaitsForTheFirst() throws Exception {
        Process first = holder(1_500);
        String holder = Files.readString(state.resolve(HostLock.FILE)).strip();
        StringWriter out = new StringWriter();
        try (HostLock lock = HostLock.acquire(state, "loader load fleet.reboot.fast_reboot", Duration.ofSeconds(30),
                new PrintWriter(out))) {
            assertEquals(0, first.waitFor(), "the first run finished before the second got the lock");
            assertEquals("waiting for another kboot run to finish (held by " + holder + ")\n", out.toString());
            String now = Files.readString(state.resolve(HostLock.FILE));
            assertEquals("pid " + ProcessHandle.current().pid() + ", loader load fleet.reboot.fast_reboot, since ",
                    now.substring(0, now.indexOf("since ") + "since ".length()));
        }
        assertEquals("", Files.readString(state.resolve(HostLock.FILE)), "a released lock names no holder");
    }

    @Test
    void aKilledHolderLeavesTheHostUnlocked() throws Exception {
        Process first = holder(60_000);
        first.destroyForcibly().waitFor();
        try (HostLock lock = HostLock.acquire(state, "loader load fleet.kdump.crash_kernel", Duration.ZERO,
                new PrintWriter(new StringWriter()))) {
            assertEquals("pid " + ProcessHandle.current().pid(), Files.readString(state.resolve(HostLock.FILE)).split(",")[0]);
        }
    }

    @Test
    void aStateFolderThatCannotBeWrittenIsOneClearRefusal() throws Exception {
        Path file = state.resolve("not-a-folder");
        Files.writeString(file, "");
        HostLoader.LoadException refused = assertThrows(HostLoader.LoadException.class,
                () -> HostLock.acquire(file, "loader load x", Duration.ZERO, new PrintWriter(new StringWriter())));
        assertEquals("cannot take kboot's lock " + file.resolve(HostLock.FILE) + ": " + file
                + " (run the loader as root, or give --state-dir a folder it may write)", refused.getMessage());
    }
}
