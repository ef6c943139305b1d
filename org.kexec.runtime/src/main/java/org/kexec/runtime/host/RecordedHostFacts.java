package org.kexec.runtime.host;

import java.io.IOException;
import java.util.Optional;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.plan.CrashSources;

/**
 * A host known from records, for dry runs anywhere: a memory map (a bundled profile or a recorded /proc/iomem) and
 * the command line {@code reuse running} takes, and the release {@code release running} takes, if known. It has no
 * crash notes and no boot_params to pass on.
 */
public record RecordedHostFacts(MemoryMap memoryMap, String runningCmdline, Optional<String> recordedRelease) implements HostFacts {

    @Override
    public String runningRelease() throws IOException {
        return recordedRelease.orElseThrow(() -> new IOException("no running release is recorded for this dry run"
                + " (--running-release TEXT gives one)"));
    }

    @Override
    public CrashSources crashSources() {
        return CrashSources.none();
    }

    @Override
    public Optional<byte[]> bootParamsTemplate() {
        return Optional.empty();
    }
}
