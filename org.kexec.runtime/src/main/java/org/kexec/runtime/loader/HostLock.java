package org.kexec.runtime.loader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One kboot run at a time on a host: {@code load}, {@code unload} and {@code exec} change what the kernel holds and
 * what kboot recorded of it (the armed crash boot), so a second run (a kernel hook while the unit arms at boot, or a
 * person) waits for the first, up to a limit, then refuses and says who holds the lock. An advisory lock (fcntl,
 * through {@link FileChannel#tryLock}) on {@code lock} in the state folder: the kernel drops it when its holder
 * exits, however it exits, so a killed run never leaves the host locked. The file says who holds it.
 */
final class HostLock implements AutoCloseable {

    static final String FILE = "lock";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String UNNAMED = "held by a run that has not said who it is yet";

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the host's lock for {@code holder} (what this run does, e.g. {@code loader load fleet.kdump.crash_kernel}),
     * waiting up to {@code wait} for another run to finish; says once on {@code out} whom it waits for.
     */
    static HostLock acquire(Path stateDir, String holder, Duration wait, PrintWriter out) throws HostLoader.LoadException {
        Path file = stateDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Instant deadline = Instant.now().plus(wait);
            Instant patience = Instant.now().plus(Duration.ofSeconds(2));
            boolean said = false;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(("pid " + pid() + ", " + holder + ", since "
                            + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(false);
                    return new HostLock(channel, lock);
                }
                if (!Instant.now().isBefore(deadline)) {
                    String busy = "busy: another kboot run holds " + file + " (" + heldBy(file) + "); waited "
                            + wait.toSeconds() + " s for it: run again when it is done, or give --wait SECONDS";
                    channel.close();
                    throw new HostLoader.LoadException(busy);
                }
                // The holder names itself just after it takes the lock: say whom this run waits for once it has.
                String heldBy = heldBy(file);
                if (!said && (!heldBy.equals(UNNAMED) || !Instant.now().isBefore(patience))) {
                    out.println("waiting for another kboot run to finish (" + heldBy + ")");
                    out.flush();
                    said = true;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HostLoader.LoadException("cannot take kboot's lock " + file + ": " + e.getMessage()
                    + " (run the loader as root, or give --state-dir a folder it may write)");
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new HostLoader.LoadException("interrupted while waiting for kboot's lock " + file);
        }
    }

    /**
     * This process's id, as /proc/self names it: ProcessHandle's first use builds the JDK's process reaper (a thread
     * pool, its lambdas and method handles), a tenth of a second of a load under emulation.
     */
    private static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    /** Who the lock file says holds it; empty while a holder is still writing it. */
    private static String heldBy(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? UNNAMED : "held by " + text;
        } catch (IOException e) {
            return "held by a run that cannot be named: " + e.getMessage();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // Closing drops the lock, if this run had it; nothing else to do.
        }
    }

    /** Says no one holds the lock, then releases it. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }
}
