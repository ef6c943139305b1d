package org.kexec.runtime.backend;

import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

/**
 * What performs a kexec: Linux's system calls or Xen's hypercall. A backend receives a plan that is final and
 * checked; it only hands it over, and reports refusals with the errno's meaning and the fix. What the host is
 * (memory map, crash notes) is not the backend's business: see {@code host.HostFacts}.
 */
public interface KexecBackend {

    /** Which system this backend drives. */
    Target target();

    /** Loads (or, for crash plans, arms) the plan's segments through kexec_load or Xen's hypercall. */
    void load(KexecPlan plan) throws KexecException;

    /** Hands a verified kernel, initrd and command line to kexec_file_load, where the kernel places them itself. */
    void loadFile(FileLoad load) throws KexecException;

    /** Reboots into the loaded default image now. Returns only if the kernel refuses. */
    void exec() throws KexecException;

    /** Unloads the default or crash image; unloading what is not loaded succeeds. */
    void unload(BootKind kind) throws KexecException;

    /** Which images are loaded. */
    Status status() throws KexecException;

    /**
     * Does what {@link #load} does with {@code plan} short of calling the kernel or Xen (binds native code, lays the
     * segments out in native memory), and reports nothing: the run that records a loader's class-data archive calls
     * it, so that the archive holds every class a later load uses (under emulation, binding them from the jar costs a
     * load about a second). The load reports what cannot be done.
     */
    default void rehearse(KexecPlan plan) {
    }

    /**
     * Does what {@link #loadFile} does with {@code load} short of calling the kernel (seals the files, opens their
     * descriptors and closes them), and reports nothing, for the same run as {@link #rehearse(KexecPlan)}.
     */
    default void rehearse(FileLoad load) {
    }

    /**
     * @param defaultLoaded a default image is loaded
     * @param crashLoaded   a crash image is armed
     * @param crashSize     bytes reserved for crash kernels (0 when none)
     */
    record Status(boolean defaultLoaded, boolean crashLoaded, long crashSize) {
    }
}
