package org.kexec.dsl.model;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.kexec.dsl.kboot.FileMemmap;
import org.kexec.dsl.kboot.MemmapSource;
import org.kexec.dsl.kboot.ProfileMemmap;
import org.kexec.runtime.memory.IomemReader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryProfiles;

/** The memory map a {@code memmap} setting names: a bundled profile, or a recorded iomem file beside the spec. */
@Singleton
public class MemoryMaps {

    /** A memory map, or why there is none. */
    public record Loaded(Optional<MemoryMap> map, Optional<String> problem) {
        static Loaded of(MemoryMap map) {
            return new Loaded(Optional.of(map), Optional.empty());
        }

        static Loaded problem(String problem) {
            return new Loaded(Optional.empty(), Optional.of(problem));
        }
    }

    @Inject
    private ImageFiles files;

    public Loaded load(MemmapSource source) {
        if (source instanceof ProfileMemmap profile) {
            if (!MemoryProfiles.NAMES.contains(profile.getProfile())) {
                return Loaded.problem("Unknown memory-map profile '" + profile.getProfile() + "': the bundled profiles are "
                        + String.join(", ", MemoryProfiles.NAMES) + "; for another machine record its /proc/iomem and use memmap file \"...\".");
            }
            return Loaded.of(MemoryProfiles.load(profile.getProfile()));
        }
        String path = ((FileMemmap) source).getPath();
        ImageFiles.Lookup lookup = files.lookupHere(source, path);
        if (lookup instanceof ImageFiles.Lookup.Present present) {
            try {
                return Loaded.of(IomemReader.read(present.path()));
            } catch (IOException e) {
                return Loaded.problem("Memory map " + present.path() + " cannot be read: " + e.getMessage());
            } catch (MemoryMapFormatException e) {
                return Loaded.problem("Memory map " + e.getMessage());
            }
        }
        if (lookup instanceof ImageFiles.Lookup.Missing missing) {
            return Loaded.problem("Memory map " + missing.path() + " does not exist: record one with 'cat /proc/iomem' as root on the host.");
        }
        if (lookup instanceof ImageFiles.Lookup.Unusable unusable) {
            return Loaded.problem("Memory map " + unusable.path() + " " + unusable.reason() + ".");
        }
        return Loaded.problem("Memory map '" + path + "' is relative, but this spec has no folder to resolve it from: use an absolute path.");
    }
}
