package org.kexec.runtime.rules;

import java.util.Optional;
import java.util.OptionalLong;
import org.kexec.runtime.image.BootKernel;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.KernelFile;
import org.kexec.runtime.image.KernelPayload;
import org.kexec.runtime.image.PvhKernel;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.image.UnifiedKernelImage;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.units.Sizes;

/**
 * Which kernel images kboot accepts, for kexec_load through its purgatory and for kexec_file_load alike: what the
 * kernel's bzImage64 loader (arch/x86/kernel/kexec-bzimage64.c: {@code bzImage64_probe}, {@code bzImage64_load}) and
 * kexec-tools' (kexec/arch/x86_64/kexec-bzImage64.c: {@code bzImage64_probe}, {@code do_bzImage64_load}) refuse,
 * plus what only kboot checks (marked so). Checked before any system call, so the user reads kboot's reason
 * instead of a bare ENOEXEC, and checked the same way by {@code check}, {@code plan} and {@code load}.
 */
public final class KernelRules {

    /** Both probes: {@code len < 2 * 512} is "too short to be a bzImage". */
    public static final int MIN_FILE_LENGTH = 1024;
    /**
     * Both probes: "Must be at least protocol version 2.12"; xloadflags, which says whether the 64-bit entry
     * exists, came with 2.12 (Documentation/arch/x86/boot.rst).
     */
    public static final int MIN_PROTOCOL = 0x020c;

    private KernelRules() {
    }

    /**
     * Accepts a kernel file for a boot through {@code entry}: a bzImage, a Unified Kernel Image (a PE without a setup
     * header, with a {@code .linux} section, whose {@code .linux} must pass every rule a bzImage passes; systemd-stub
     * reads the same sections), or, for PVH only, an ELF vmlinux. A PVH boot enters the vmlinux inside a bzImage, so
     * its note must be there.
     */
    public static KernelFile acceptFile(String name, byte[] bytes, KernelEntry entry) throws ViolationException {
        if (ElfImage.isElf(bytes)) {
            if (entry != KernelEntry.PVH) {
                throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is an ELF vmlinux, which has no 64-bit boot protocol"
                        + " entry: write 'entry pvh' in the boot to enter it through its PVH entry, or load the bzImage"
                        + " (vmlinuz).");
            }
            return KernelFile.of(pvh(name, bytes, PvhKernel.COMMAND_LINE_SIZE));
        }
        if (!UnifiedKernelImage.mayBeOne(bytes)) {
            return KernelFile.of(accept(name, bytes, entry));
        }
        Optional<UnifiedKernelImage> uki;
        try {
            uki = UnifiedKernelImage.of(bytes);
        } catch (ImageFormatException e) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is neither a bzImage nor a Unified Kernel Image: its PE"
                    + " headers are damaged: " + e.getMessage());
        }
        if (uki.isEmpty()) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is a PE file without a .linux section: neither a bzImage"
                    + " nor a Unified Kernel Image.");
        }
        BootKernel linux = accept(name + " (.linux of the Unified Kernel Image)", uki.get().section(".linux").orElseThrow(), entry);
        return KernelFile.unified(linux, uki.get());
    }

    /** A bzImage for the boot protocol, or the vmlinux of its payload for PVH. */
    private static BootKernel accept(String name, byte[] bytes, KernelEntry entry) throws ViolationException {
        BzImage image = accept(name, bytes);
        if (entry != KernelEntry.PVH) {
            return image;
        }
        byte[] vmlinux;
        try {
            vmlinux = KernelPayload.decompress(image);
        } catch (ImageFormatException e) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + "'s payload, the vmlinux a PVH boot enters, cannot be read: "
                    + e.getMessage());
        }
        return pvh(name + " (its payload)", vmlinux, image.header().cmdlineSize());
    }

    /** An ELF vmlinux with a PVH entry. */
    private static PvhKernel pvh(String name, byte[] bytes, long cmdlineSize) throws ViolationException {
        ElfImage elf;
        try {
            elf = ElfImage.parse(bytes);
        } catch (ImageFormatException e) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is not an ELF vmlinux kboot can load: " + e.getMessage());
        }
        Optional<Long> entry = elf.pvhEntry();
        if (entry.isEmpty()) {
            // kboot only: the kernel never reads a vmlinux's notes.
            throw refused(Rule.KERNEL_NO_PVH, null, name + " has no PVH entry: none of its ELF notes is Xen's"
                    + " XEN_ELFNOTE_PHYS32_ENTRY (18), which kernels built with CONFIG_PVH=y carry. Remove 'entry pvh' to boot"
                    + " it through the 64-bit boot protocol.");
        }
        return new PvhKernel(elf, bytes, entry.get(), cmdlineSize);
    }

    /**
     * Parses a bzImage and applies every rule of the image itself to it; where a boot places it is
     * {@link #checkPlacement}'s question.
     *
     * @param name how messages name the file
     * @throws ViolationException naming the first rule broken, the field and the fix
     */
    public static BzImage accept(String name, byte[] bytes) throws ViolationException {
        if (bytes.length < MIN_FILE_LENGTH) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is not a bzImage kernel: it has " + bytes.length
                    + " bytes, fewer than the " + MIN_FILE_LENGTH + " of a boot sector and setup header.");
        }
        SetupHeader header;
        try {
            header = SetupHeader.parse(bytes);
        } catch (ImageFormatException e) {
            throw refused(Rule.KERNEL_FORMAT, Errno.ENOEXEC, name + " is not a bzImage kernel: " + e.getMessage());
        }
        checkHeader(name, header, bytes.length);
        try {
            return BzImage.parse(bytes);
        } catch (ImageFormatException e) {
            // kboot only: the kernel reads PE headers only when it verifies a signature, but a stub whose headers
            // point outside the file is a damaged image, and Authenticode digests depend on them.
            throw refused(Rule.KERNEL_PE_HEADERS, null, name + " has damaged PE/COFF headers: " + e.getMessage()
                    + " Use an intact kernel image.");
        }
    }

    private static void checkHeader(String name, SetupHeader header, long length) throws ViolationException {
        if (header.version() < MIN_PROTOCOL) {
            throw refused(Rule.KERNEL_PROTOCOL, Errno.ENOEXEC, name + " speaks boot protocol " + header.versionString()
                    + ", but kboot, kexec-tools and kexec_file_load need 2.12 or later for the 64-bit entry: use a newer"
                    + " kernel.");
        }
        if (!header.loadedHigh()) {
            throw refused(Rule.KERNEL_ZIMAGE, Errno.ENOEXEC, name + " has LOADED_HIGH clear in loadflags "
                    + Sizes.hex(header.loadflags()) + ": a zImage, which loads below 1 MiB; use a bzImage kernel.");
        }
        int needed = SetupHeader.XLF_KERNEL_64 | SetupHeader.XLF_CAN_BE_LOADED_ABOVE_4G;
        if ((header.xloadflags() & needed) != needed) {
            throw refused(Rule.KERNEL_NOT_64BIT, Errno.ENOEXEC, name + " is not a relocatable 64-bit kernel: xloadflags "
                    + Sizes.hex(header.xloadflags()) + " lacks " + ((header.xloadflags() & SetupHeader.XLF_KERNEL_64) == 0
                    ? "XLF_KERNEL_64 (the 64-bit entry point)" : "XLF_CAN_BE_LOADED_ABOVE_4G")
                    + ", which the 64-bit boot protocol needs: use an x86-64 kernel.");
        }
        long alignment = header.kernelAlignment();
        if (alignment == 0 || Long.bitCount(alignment) != 1) {
            // kboot only: both loaders round addresses with ALIGN(), which is meaningless for such a value.
            throw refused(Rule.KERNEL_ALIGNMENT, null, name + " asks for kernel_alignment " + Sizes.hex(alignment)
                    + ", which is not a power of two: the header is damaged.");
        }
        long protectedMode = length - header.protectedModeOffset();
        if (header.initSize() < protectedMode) {
            // The kernel's loader makes a segment of init_size bytes holding the protected-mode kernel:
            // bufsz > memsz is EINVAL in sanity_check_segment_list.
            throw refused(Rule.KERNEL_INIT_SIZE, Errno.EINVAL, name + " has init_size " + Sizes.hex(header.initSize())
                    + ", less than its " + Sizes.hex(protectedMode) + " bytes of protected-mode kernel: the header is damaged.");
        }
        if (header.cmdlineSize() == 0) {
            throw refused(Rule.KERNEL_CMDLINE_SIZE, Errno.EINVAL, name + " has cmdline_size 0, so no command line fits,"
                    + " not even the empty one with its NUL: the header is damaged.");
        }
    }

    /**
     * A kernel that is not relocatable runs only at its preferred address, so a boot must place it there; a PVH
     * kernel's segments carry their own addresses, so a boot must not place it.
     *
     * @param fixedAddress where the boot places the kernel, if it does
     */
    public static void checkPlacement(String name, BootKernel kernel, OptionalLong fixedAddress) throws ViolationException {
        if (kernel instanceof PvhKernel) {
            if (fixedAddress.isPresent()) {
                // kboot only: the vmlinux's segments carry their own physical addresses.
                throw refused(Rule.KERNEL_PLACEMENT, null, name + " boots through its PVH entry, so its segments go to the"
                        + " physical addresses its ELF program headers give: remove 'kernel at " + Sizes.hex(fixedAddress.getAsLong())
                        + "'.");
            }
            return;
        }
        SetupHeader header = ((BzImage) kernel).header();
        long preferred = header.prefAddress();
        boolean placedAtPreferred = fixedAddress.isPresent() && fixedAddress.getAsLong() == preferred;
        if (!header.relocatable() && !placedAtPreferred) {
            // kboot only: both loaders place the kernel anywhere kernel_alignment allows.
            throw refused(Rule.KERNEL_NOT_RELOCATABLE, null, name + " is not relocatable, so it must run at "
                    + Sizes.hex(preferred) + ": place it there with 'placement { kernel at " + Sizes.hex(preferred)
                    + " }' and load kexec_load.");
        }
    }

    private static ViolationException refused(Rule rule, Errno errno, String reason) {
        return new ViolationException(Violation.of(rule, errno, reason));
    }
}
