package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;

/** BootSpecs for planner and image tests: a kernel "k" and initrds "i0", "i1", …, everything else default. */
public final class TestBoots {

    private TestBoots() {
    }

    public static BootSpec boot(Target target, BootKind kind, int initrds, PlacementPolicy policy,
                         List<PlacementSpec.FixedAddress> fixed, HashAlgorithm hash) {
        List<ImageSpec> images = new ArrayList<>();
        for (int i = 0; i < initrds; i++) {
            images.add(new ImageSpec("i" + i, ImageRole.INITRD, "initrd" + i, Optional.empty(), List.of()));
        }
        return new BootSpec("b", target, false, LoadMode.KEXEC_LOAD, kind, KernelEntry.BOOT_PROTOCOL,
                new ImageSpec("k", ImageRole.KERNEL, "vmlinuz", Optional.empty(), List.of()), images,
                new CmdlineSpec(false, List.of(), List.of("console=ttyS0"), List.of()),
                kind == BootKind.CRASH ? Optional.of(CrashSpec.defaults()) : Optional.empty(),
                new PurgatorySpec(hash, Optional.empty(), PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL)),
                new PlacementSpec(Optional.empty(), policy, Optional.empty(), fixed));
    }

    public static BootSpec boot(Target target, BootKind kind, int initrds) {
        return boot(target, kind, initrds, PlacementPolicy.TOP_DOWN, List.of(), HashAlgorithm.SHA256);
    }

    /** The same boot through another entry, with that entry's default registers. */
    public static BootSpec withEntry(BootSpec spec, KernelEntry entry, LoadMode load, Target target) {
        return new BootSpec(spec.name(), target, spec.lockdown(), load, spec.kind(), entry, spec.kernel(), spec.initrds(),
                spec.cmdline(), spec.crash(), new PurgatorySpec(spec.purgatory().hash(), spec.purgatory().console(),
                PurgatorySpec.defaultRegisters(entry)), spec.placement());
    }

    /** The same boot with another kernel image. */
    public static BootSpec withKernel(BootSpec spec, ImageSpec kernel) {
        return new BootSpec(spec.name(), spec.target(), spec.lockdown(), spec.loadMode(), spec.kind(), spec.entry(), kernel, spec.initrds(),
                spec.cmdline(), spec.crash(), spec.purgatory(), spec.placement());
    }

    /** The same boot with other initrds. */
    public static BootSpec withInitrds(BootSpec spec, List<ImageSpec> initrds) {
        return new BootSpec(spec.name(), spec.target(), spec.lockdown(), spec.loadMode(), spec.kind(), spec.entry(), spec.kernel(),
                initrds, spec.cmdline(), spec.crash(), spec.purgatory(), spec.placement());
    }

    /** A plain Linux kexec_file_load boot with two initrds: no pin, no signature. */
    public static BootSpec fileLoad() {
        return withEntry(boot(Target.LINUX, BootKind.DEFAULT, 2), KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_FILE_LOAD, Target.LINUX);
    }

    /** The same image, required to carry a signature that chains to a test anchor. */
    public static ImageSpec signed(ImageSpec image) {
        return new ImageSpec(image.name(), image.role(), image.path(), image.digest(),
                List.of(new TrustAnchorSpec("ca", "/etc/kboot/ca.pem")));
    }

    /** The same image, pinned to a digest. */
    public static ImageSpec pinned(ImageSpec image) {
        return new ImageSpec(image.name(), image.role(), image.path(), Optional.of(PinnedDigest.parse("sha256:" + "ab".repeat(32))),
                image.signers());
    }
}
