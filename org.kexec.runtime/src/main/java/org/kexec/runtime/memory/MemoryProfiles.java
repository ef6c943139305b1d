package org.kexec.runtime.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory maps recorded from real machines and guests, bundled for dry runs: {@code memmap profile "qemu-1g"}.
 * Each is the verbatim {@code /proc/iomem} of the guest, read as root, headed by comments saying how it was
 * recorded ({@code scripts/record-memmap-profile.sh}).
 */
public final class MemoryProfiles {

    /** Every bundled profile, by name. */
    public static final List<String> NAMES = List.of("qemu-1g", "large-server");

    /** Profiles are immutable: each is read once. */
    private static final Map<String, MemoryMap> LOADED = new ConcurrentHashMap<>();

    private MemoryProfiles() {
    }

    /**
     * Loads a bundled profile.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static MemoryMap load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("Unknown memory-map profile '" + name + "'.");
        }
        return LOADED.computeIfAbsent(name, MemoryProfiles::read);
    }

    private static MemoryMap read(String name) {
        String resource = "profiles/" + name + ".iomem";
        try (InputStream in = MemoryProfiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled profile " + resource + " is missing from the runtime jar.");
            }
            return IomemReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MemoryMapFormatException e) {
            throw new IllegalStateException("Bundled profile " + name + " is malformed: " + e.getMessage(), e);
        }
    }
}
