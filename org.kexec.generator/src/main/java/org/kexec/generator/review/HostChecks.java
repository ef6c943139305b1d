package org.kexec.generator.review;

import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.units.Sizes;

/**
 * The checks a boot's loader makes on the host before anything is loaded, in the order it makes them, as sentences
 * for reviewers: what a change to pins, signatures, lockdown or the crash settings adds or removes.
 */
final class HostChecks {

    private HostChecks() {
    }

    static List<String> of(BootSpec spec) {
        List<String> checks = new ArrayList<>();
        List<ImageSpec> images = spec.images();
        for (ImageSpec image : images) {
            String what = image.role().keyword() + " " + image.path();
            image.digest().ifPresent(digest -> checks.add(what + " must have the pinned digest " + digest + "."));
            if (image.signatureRequired()) {
                checks.add(what + " must carry an Authenticode signature that chains to "
                        + String.join(" or ", image.signers().stream().map(HostChecks::anchor).toList()) + ".");
            }
        }
        if (images.stream().noneMatch(image -> image.digest().isPresent() || image.signatureRequired())) {
            checks.add("No image is pinned to a digest or required to be signed: the loader loads whatever the paths hold.");
        }
        checks.add("The kernel must pass the kernel rules (64-bit boot protocol 2.12 or later, relocatable or placed at its"
                + " pref_address, intact PE headers) and the command line the command-line rules.");
        checks.add(spec.target() == Target.XEN
                ? "The plan is made again against Xen's machine memory map and crash region (libxenctrl)."
                : "The plan is made again against the host's memory map (/sys/firmware/memmap, /proc/iomem).");
        if (spec.kind() == BootKind.CRASH) {
            checks.add("The host must have reserved a crash region (crashkernel=) that holds every crash segment"
                    + spec.crash().flatMap(crash -> crash.reservation()).map(size -> "; the spec expects "
                    + Sizes.human(size)).orElse("") + ".");
        }
        if (spec.lockdown()) {
            checks.add("Under lockdown the kernel refuses kexec_load; kexec_file_load has the kernel verify the kernel's"
                    + " signature against its own keyring.");
        } else if (spec.loadMode() != LoadMode.KEXEC_LOAD && spec.target() == Target.LINUX) {
            checks.add("kexec_file_load has the kernel verify the kernel's signature where it enforces signatures.");
        }
        if (spec.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
            checks.add("kboot's purgatory re-hashes every segment with " + spec.purgatory().hash().keyword()
                    + " before it jumps to the kernel" + (spec.purgatory().hash() == HashAlgorithm.NONE
                    ? ": none, so nothing is verified." : "."));
        }
        return checks;
    }

    private static String anchor(TrustAnchorSpec anchor) {
        return anchor.name() + " (" + anchor.certificate() + ")";
    }
}
