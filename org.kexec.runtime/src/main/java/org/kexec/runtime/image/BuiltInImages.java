package org.kexec.runtime.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Images that ship inside kboot, named {@code kboot:NAME} in a spec's {@code path}: {@code kboot:probe} is the probe
 * payload, a 15 KiB bzImage that prints how it was booted and powers off, for trying a host's kexec path without a
 * kernel of one's own; {@code kboot:probe-pvh} is the same probe as an ELF vmlinux with a PVH entry, for boots with
 * {@code entry pvh}, which prints the start-info block it received.
 */
public final class BuiltInImages {

    public static final String SCHEME = "kboot:";
    /** Every built-in image's path. */
    public static final List<String> PATHS = List.of(SCHEME + "probe", SCHEME + "probe-pvh");

    private BuiltInImages() {
    }

    /** True when {@code path} names a built-in image (known or not). */
    public static boolean isBuiltIn(String path) {
        return path.startsWith(SCHEME);
    }

    /** The bytes of a built-in image, or empty when there is none of that name. */
    public static Optional<byte[]> read(String path) {
        if (!PATHS.contains(path)) {
            return Optional.empty();
        }
        String resource = path.equals(SCHEME + "probe") ? "kboot-probe.bzImage" : "kboot-probe.elf";
        try (InputStream in = BuiltInImages.class.getResourceAsStream("/org/kexec/runtime/probe/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("the probe is missing from the runtime jar: build it with mvn package");
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
