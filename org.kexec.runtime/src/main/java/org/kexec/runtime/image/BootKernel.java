package org.kexec.runtime.image;

/**
 * A kernel ready to be planned, as its entry needs it: a {@link BzImage} for the 64-bit boot protocol, or a
 * {@link PvhKernel} (an ELF vmlinux with its PVH entry) for PVH.
 */
public sealed interface BootKernel permits BzImage, PvhKernel {

    /** The bytes parsed (the bzImage, or the vmlinux ELF); shared, not copied: callers must not change them. */
    byte[] bytes();

    /** The longest command line the kernel takes, its NUL included. */
    long cmdlineSize();
}
