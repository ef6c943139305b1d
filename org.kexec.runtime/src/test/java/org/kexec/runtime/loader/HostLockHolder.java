package org.kexec.runtime.loader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** A second process for {@link HostLockTest}: takes the host lock in a folder, says so, holds it for a while. */
public final class HostLockHolder {

    private HostLockHolder() {
    }

    /** Arguments: the state folder, what the holder does, and how many milliseconds it holds the lock. */
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        try (HostLock lock = HostLock.acquire(Path.of(args[0]), args[1], Duration.ZERO, out)) {
            out.println("held");
            Thread.sleep(Long.parseLong(args[2]));
        }
    }
}
