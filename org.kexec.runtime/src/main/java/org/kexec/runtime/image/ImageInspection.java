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
