package org.kexec.runtime.host;

import java.io.IOException;
import java.util.Optional;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.plan.CrashSources;

/**
 * What a plan needs to know of the host it is for, apart from any system call: the memory map and crash region, the
 * CPUs' crash notes, the running command line and release, and the running kernel's boot_params. Live on a host
 * ({@link LinuxHostFacts}, or Xen's through its backend), or recorded for dry runs ({@link RecordedHostFacts}).
 */
public interface HostFacts {

    /** The memory map loads are placed in (under Xen, the machine's). */
    MemoryMap memoryMap() throws IOException, MemoryMapFormatException;

    /** What a crash kernel's ELF core header describes. */
    CrashSources crashSources() throws IOException;

    /** The running kernel's command line, which {@code reuse running} takes. */
    String runningCmdline() throws IOException;

    /** The running kernel's release ({@code uname -r}), which {@code release running} takes. */
    String runningRelease() throws IOException;

    /** The running kernel's boot_params, whose firmware fields the next kernel needs; empty when there are none. */
    Optional<byte[]> bootParamsTemplate();
}
