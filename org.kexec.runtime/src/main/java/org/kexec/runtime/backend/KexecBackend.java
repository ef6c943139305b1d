package org.kexec.runtime.backend;

import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.spec.BootKind;

/**
 * What performs a kexec: Linux's system calls or Xen's hypercall. A backend receives a plan that is final and
 * checked; it only hands it over, and reports refusals with the errno's meaning and the fix.
 */
public interface KexecBackend {

    /** Loads (or, for crash plans, arms) the plan's segments. */
    void load(KexecPlan plan) throws KexecException;

    /** Reboots into the loaded default image now. Returns only if the kernel refuses. */
    void exec() throws KexecException;

    /** Unloads the default or crash image. */
    void unload(BootKind kind) throws KexecException;

    /** Which images are loaded. */
    Status status() throws KexecException;

    /**
     * @param defaultLoaded a default image is loaded
     * @param crashLoaded   a crash image is armed
     * @param crashSize     bytes reserved for crash kernels (0 when none)
     */
    record Status(boolean defaultLoaded, boolean crashLoaded, long crashSize) {
    }
}
