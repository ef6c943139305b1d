package org.kexec.runtime.host;

import java.util.Optional;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.plan.CrashSources;

/**
 * A host known from records, for dry runs anywhere: a memory map (a bundled profile or a recorded /proc/iomem) and
 * the command line {@code reuse running} takes. It has no crash notes and no boot_params to pass on.
 */
public record RecordedHostFacts(MemoryMap memoryMap, String runningCmdline) implements HostFacts {

    @Override
    public CrashSources crashSources() {
        return CrashSources.none();
    }

    @Override
    public Optional<byte[]> bootParamsTemplate() {
        return Optional.empty();
    }
}
