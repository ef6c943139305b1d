package org.kexec.runtime.rules;

import java.util.Optional;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;

/**
 * Which load paths can enter a kernel the way a boot asks: the kernel's kexec_file_load builds boot_params for the
 * 64-bit boot protocol only (arch/x86/kernel/kexec-bzimage64.c), so a PVH boot loads through kboot's purgatory with
 * kexec_load; {@code load auto} then skips kexec_file_load. PVH boots are loaded on Linux hosts only: under Xen,
 * kboot keeps to the 64-bit boot protocol it boots there.
 */
public final class EntryRules {

    private EntryRules() {
    }

    /** The violation of a boot whose entry its target or load mode cannot use, if any. */
    public static Optional<Violation> check(BootSpec spec) {
        if (spec.entry() != KernelEntry.PVH) {
            return Optional.empty();
        }
        if (spec.target() == Target.XEN) {
            return Optional.of(Violation.of(Rule.ENTRY_UNSUPPORTED, null, "entry pvh is for Linux hosts: kboot boots kernels"
                    + " from Xen through the 64-bit boot protocol. Remove 'entry pvh', or write target linux."));
        }
        if (spec.loadMode() == LoadMode.KEXEC_FILE_LOAD) {
            return Optional.of(Violation.of(Rule.ENTRY_UNSUPPORTED, null, "entry pvh needs load kexec_load: the kernel's"
                    + " kexec_file_load enters kernels only through the 64-bit boot protocol."));
        }
        return Optional.empty();
    }
}
