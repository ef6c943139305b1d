package org.kexec.runtime.spec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One boot, fully resolved: inheritance applied, references replaced by what they name, defaults filled in.
 * The language produces it, the generator renders it, the loader executes it. Plain data, with what follows from it.
 *
 * @param name      qualified name in the spec
 * @param target    Linux or Xen
 * @param lockdown  the hosts run with kernel lockdown (Secure Boot), where kexec_load is refused
 * @param loadMode  how the image reaches the kernel
 * @param kind      default (reboot) or crash (kdump)
 * @param entry     the kernel entry the purgatory jumps to: the 64-bit boot protocol, or PVH
 * @param kernel    the kernel image
 * @param initrds   initrds, in load order
 * @param cmdline   the command line
 * @param crash     crash settings; present exactly when {@code kind} is {@link BootKind#CRASH}
 * @param purgatory purgatory settings (unused by kexec_file_load, whose purgatory is the kernel's)
 * @param placement where segments go
 */
public record BootSpec(String name, Target target, boolean lockdown, LoadMode loadMode, BootKind kind, KernelEntry entry,
                       ImageSpec kernel, List<ImageSpec> initrds, CmdlineSpec cmdline, Optional<CrashSpec> crash,
                       PurgatorySpec purgatory, PlacementSpec placement) {

    public BootSpec {
        initrds = List.copyOf(initrds);
        if (crash.isPresent() != (kind == BootKind.CRASH)) {
            throw new IllegalArgumentException("Crash settings belong to crash boots only: " + name);
        }
    }

    /** The kernel, then the initrds. */
    public List<ImageSpec> images() {
        return Stream.concat(Stream.of(kernel), initrds.stream()).toList();
    }

    /** True when the loader checks a signature of one of the boot's images, which takes BouncyCastle. */
    public boolean verifiesSignatures() {
        return images().stream().anyMatch(ImageSpec::signatureRequired);
    }
}
