package org.kexec.runtime.image;

import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.units.Sizes;

/** A readable listing of everything kboot parsed from a kernel image: what {@code kbootc inspect} prints. */
public final class ImageInspection {

    private ImageInspection() {
    }

    public static List<String> lines(BzImage image) {
        SetupHeader h = image.header();
        List<String> lines = new ArrayList<>();
        lines.add("format              bzImage, boot protocol " + h.versionString() + (image.pe().isPresent() ? ", EFI stub (PE)" : ""));
        lines.add("file size           " + image.length() + " bytes");
        lines.add("setup_sects         " + h.setupSects() + " (protected-mode kernel at file offset " + Sizes.hex(h.protectedModeOffset()) + ")");
        lines.add("boot_flag           " + Sizes.hex(h.bootFlag()));
        lines.add("loadflags           " + Sizes.hex(h.loadflags()) + flags(h.loadflags(), "LOADED_HIGH", "KASLR", null, null, null, "QUIET", "KEEP_SEGMENTS", "CAN_USE_HEAP"));
        lines.add("code32_start        " + Sizes.hex(h.code32Start()));
        lines.add("kernel_alignment    " + Sizes.hex(h.kernelAlignment()) + " (min_alignment 2^" + h.minAlignment() + ")");
        lines.add("relocatable_kernel  " + (h.relocatable() ? "yes" : "no"));
        lines.add("xloadflags          " + Sizes.hex(h.xloadflags()) + flags(h.xloadflags(), "KERNEL_64", "CAN_BE_LOADED_ABOVE_4G", "EFI_HANDOVER_32", "EFI_HANDOVER_64", "EFI_KEXEC", "5LEVEL", "5LEVEL_ENABLED"));
        lines.add("cmdline_size        " + h.cmdlineSize());
        lines.add("initrd_addr_max     " + Sizes.hex(h.initrdAddrMax()));
        lines.add("pref_address        " + Sizes.hex(h.prefAddress()));
        lines.add("init_size           " + Sizes.hex(h.initSize()) + " (" + Sizes.mebibytes(h.initSize()) + ")");
        lines.add("payload             " + (h.payloadLength() == 0 ? "none"
                : Sizes.hex(h.payloadOffset()) + " + " + Sizes.hex(h.payloadLength()) + ", " + image.compression().label()));
        image.pe().ifPresent(pe -> {
            lines.add("PE machine          " + Sizes.hex(pe.machine()) + ", " + (pe.optionalHeaderMagic() == PeHeader.PE32_PLUS ? "PE32+" : "PE32"));
            lines.add("certificate table   " + (pe.signed()
                    ? Sizes.hex(pe.certificateTableOffset()) + " + " + Sizes.hex(pe.certificateTableSize()) + " (signed)"
                    : "none (unsigned)"));
        });
        return lines;
    }

    /** A UKI's sections with their sizes, what its .osrel, .uname and .cmdline say, and its signature. */
    public static List<String> lines(UnifiedKernelImage uki) {
        List<String> lines = new ArrayList<>();
        lines.add("format              Unified Kernel Image (systemd-stub PE" + (uki.pe().optionalHeaderMagic() == PeHeader.PE32_PLUS
                ? "32+" : "32") + "), " + (uki.pe().signed() ? "signed" : "unsigned"));
        for (PeHeader.Section section : uki.pe().sections()) {
            lines.add(String.format("  section  %-9s %12s bytes at file offset %s", section.name(), section.virtualSize(),
                    Sizes.hex(section.pointer())));
        }
        uki.prettyName().ifPresent(name -> lines.add(".osrel              " + name));
        uki.text(".uname").ifPresent(uname -> lines.add(".uname              " + uname));
        uki.text(".cmdline").ifPresent(cmdline -> lines.add(".cmdline            " + cmdline));
        return lines;
    }

    /**
     * The ELF kernel's type, entry, PT_LOAD segments and notes, with the PVH entry its Xen note publishes: what
     * {@code kbootc inspect} prints for a vmlinux, and for the one inside a bzImage's payload.
     */
    public static List<String> lines(ElfImage elf) {
        List<String> lines = new ArrayList<>();
        lines.add("ELF                 ELF64 x86-64 " + (elf.type() == ElfImage.ET_EXEC ? "EXEC" : "DYN") + ", entry "
                + Sizes.hex(elf.entry()) + ", " + elf.loadSegments().size() + " PT_LOAD segments, " + elf.notes().size() + " notes");
        for (ElfImage.Segment segment : elf.loadSegments()) {
            lines.add(String.format("  PT_LOAD  paddr %-12s vaddr %-20s filesz %-11s memsz %-11s %s", Sizes.hex(segment.paddr()),
                    Sizes.hex(segment.vaddr()), Sizes.hex(segment.filesz()), Sizes.hex(segment.memsz()), segmentFlags(segment.flags())));
        }
        for (ElfImage.Note note : elf.notes()) {
            if (note.name().equals("Xen") || note.name().equals("Linux")) {
                lines.add(String.format("  note     %-5s %-22s %s", note.name(), noteType(note), descriptor(note.descriptor())));
            }
        }
        lines.add("PVH entry           " + elf.pvhEntry().map(Sizes::hex).orElse("none (no XEN_ELFNOTE_PHYS32_ENTRY note)"));
        return lines;
    }

    private static String segmentFlags(int flags) {
        return ((flags & 4) != 0 ? "R" : "-") + ((flags & 2) != 0 ? "W" : "-") + ((flags & 1) != 0 ? "X" : "-");
    }

    /** Xen's note types by name (public/elfnote.h), the rest by number. */
    private static String noteType(ElfImage.Note note) {
        if (!note.name().equals("Xen")) {
            return "type " + note.type();
        }
        return switch (note.type()) {
            case 0 -> "INFO";
            case 1 -> "ENTRY";
            case 2 -> "HYPERCALL_PAGE";
            case 3 -> "VIRT_BASE";
            case 4 -> "PADDR_OFFSET";
            case 5 -> "XEN_VERSION";
            case 6 -> "GUEST_OS";
            case 7 -> "GUEST_VERSION";
            case 8 -> "LOADER";
            case 9 -> "PAE_MODE";
            case 10 -> "FEATURES";
            case 11 -> "BSD_SYMTAB";
            case 12 -> "HV_START_LOW";
            case 13 -> "L1_MFN_VALID";
            case 14 -> "SUSPEND_CANCEL";
            case 15 -> "INIT_P2M";
            case 16 -> "MOD_START_PFN";
            case 17 -> "SUPPORTED_FEATURES";
            case ElfImage.XEN_ELFNOTE_PHYS32_ENTRY -> "PHYS32_ENTRY (PVH)";
            default -> "type " + note.type();
        };
    }

    /** A descriptor as text when it is one, as a number when it is 4 or 8 bytes, else by its size. */
    private static String descriptor(byte[] descriptor) {
        int length = descriptor.length;
        while (length > 0 && descriptor[length - 1] == 0) {
            length--;
        }
        boolean text = length > 0;
        for (int i = 0; i < length; i++) {
            text &= descriptor[i] >= 0x20 && descriptor[i] < 0x7f;
        }
        if (text) {
            return "\"" + new String(descriptor, 0, length, java.nio.charset.StandardCharsets.US_ASCII) + "\"";
        }
        java.nio.ByteBuffer value = java.nio.ByteBuffer.wrap(descriptor).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return switch (descriptor.length) {
            case 4 -> Sizes.hex(Integer.toUnsignedLong(value.getInt(0)));
            case 8 -> Sizes.hex(value.getLong(0));
            default -> descriptor.length + " bytes";
        };
    }

    /** Names of the set bits, lowest first, e.g. {@code " (LOADED_HIGH, CAN_USE_HEAP)"}. */
    private static String flags(int value, String... names) {
        List<String> set = new ArrayList<>();
        for (int bit = 0; bit < names.length; bit++) {
            if ((value & (1 << bit)) != 0 && names[bit] != null) {
                set.add(names[bit]);
            }
        }
        return set.isEmpty() ? "" : " (" + String.join(", ", set) + ")";
    }
}
