package org.kexec.runtime.backend.xen;

import java.io.IOException;
import java.util.Optional;
import org.kexec.runtime.host.HostFacts;
import org.kexec.runtime.host.LinuxHostFacts;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.plan.CrashSources;

/**
 * A Xen PV dom0's facts: the machine's memory map, crash region, crash notes and vmcoreinfo come from Xen through
 * libxenctrl; the command line is dom0's own; dom0's boot_params are not the machine's, so none are passed on.
 */
public final class XenHostFacts implements HostFacts {

    private final XenBackend xen;

    public XenHostFacts(XenBackend xen) {
        this.xen = xen;
    }

    @Override
    public MemoryMap memoryMap() throws IOException {
        return xen.machineMemoryMap();
    }

    @Override
    public CrashSources crashSources() throws IOException {
        return xen.crashSources();
    }

    @Override
    public String runningCmdline() throws IOException {
        return LinuxHostFacts.readCmdline();
    }

    /** dom0's kernel release: the kernel kboot's boots replace runs in dom0. */
    @Override
    public String runningRelease() throws IOException {
        return LinuxHostFacts.readRelease();
    }

    @Override
    public Optional<byte[]> bootParamsTemplate() {
        return Optional.empty();
    }
}
