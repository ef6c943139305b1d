package org.kexec.runtime.image;

import java.util.Optional;

/**
 * A kernel file as kboot boots it, through the entry its boot names (a bzImage, or the vmlinux a PVH boot enters): the
 * file itself, or the kernel in a Unified Kernel Image's {@code .linux} with what
 * the UKI carries beside it, its {@code .initrd} (loaded before the boot's own initrds, as systemd-stub does) and
 * its {@code .cmdline}.
 */
public record KernelFile(BootKernel kernel, Optional<byte[]> embeddedInitrd, Optional<String> embeddedCmdline, boolean unified) {

    /** A kernel file that is nothing but the kernel. */
    public static KernelFile of(BootKernel kernel) {
        return new KernelFile(kernel, Optional.empty(), Optional.empty(), false);
    }

    /** The kernel a UKI carries, with its initrd and command line. */
    public static KernelFile unified(BootKernel linux, UnifiedKernelImage uki) {
        return new KernelFile(linux, uki.section(".initrd").filter(initrd -> initrd.length > 0), uki.text(".cmdline"), true);
    }
}
