package org.kexec.runtime.plan;

import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;

/**
 * Which system calls a boot's load makes on a host kexecing through {@code target}: kexec_file_load (Linux only, for
 * {@code kexec_file_load} and {@code auto}), kexec_load through kboot's purgatory (for {@code kexec_load}, for
 * {@code auto}'s fallback, and always under Xen). A PVH boot never takes kexec_file_load (see {@code EntryRules}):
 * {@code auto} goes straight to kexec_load. A dry run plans every path the load may take, so a load never
 * meets a refusal its dry run did not show.
 */
public final class LoadPaths {

    private LoadPaths() {
    }

    public static boolean fileLoad(BootSpec spec, Target target) {
        return target == Target.LINUX && spec.loadMode() != LoadMode.KEXEC_LOAD
                && !(spec.loadMode() == LoadMode.AUTO && spec.entry() == KernelEntry.PVH);
    }

    public static boolean kexecLoad(BootSpec spec, Target target) {
        return target == Target.XEN || spec.loadMode() != LoadMode.KEXEC_FILE_LOAD;
    }

    /**
     * True when a load on the boot's own target runs Java over every byte of an image: the digests kexec_load's
     * purgatory (or Xen's) checks, a pinned digest, a signature, or a PVH kernel's payload unpacked. False for a plain
     * kexec_file_load, where the kernel reads the files itself and the loader only looks at the kernel's headers.
     */
    public static boolean worksThroughImages(BootSpec spec) {
        return kexecLoad(spec, spec.target()) || spec.entry() == KernelEntry.PVH || spec.verifiesSignatures()
                || spec.images().stream().anyMatch(image -> image.digest().isPresent());
    }
}
