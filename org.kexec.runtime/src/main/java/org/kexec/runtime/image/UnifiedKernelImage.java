package org.kexec.runtime.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A Unified Kernel Image: a systemd-stub PE whose sections carry the kernel ({@code .linux}, a whole bzImage), and
 * optionally an initrd ({@code .initrd}), a command line ({@code .cmdline}), the os-release it was built for
 * ({@code .osrel}) and the kernel's release ({@code .uname}). A section's contents are its first {@code VirtualSize}
 * bytes (its raw data is padded to the file alignment), as systemd-stub reads them.
 */
public final class UnifiedKernelImage {

    private final PeHeader pe;
    private final byte[] bytes;

    private UnifiedKernelImage(PeHeader pe, byte[] bytes) {
        this.pe = pe;
        this.bytes = bytes;
    }

    /** The image as a UKI, when it is a PE with a {@code .linux} section. */
    public static Optional<UnifiedKernelImage> of(byte[] bytes) throws ImageFormatException {
        Optional<PeHeader> pe = PeHeader.parse(bytes);
        if (pe.isEmpty() || pe.get().sections().stream().noneMatch(s -> s.name().equals(".linux"))) {
            return Optional.empty();
        }
        return Optional.of(new UnifiedKernelImage(pe.get(), bytes));
    }

    /**
     * Whether the bytes may be a UKI: a PE ({@code MZ}) with neither of a bzImage's marks, the boot sector's 0xaa55 at
     * 0x1fe and the setup header's {@code HdrS} at 0x202 (a bzImage is a PE too, and a damaged one stays a bzImage).
     */
    public static boolean mayBeOne(byte[] bytes) {
        boolean pe = bytes.length >= 0x206 && bytes[0] == 'M' && bytes[1] == 'Z';
        boolean bootSector = pe && bytes[0x1fe] == 0x55 && bytes[0x1ff] == (byte) 0xaa;
        boolean setupHeader = pe && bytes[0x202] == 'H' && bytes[0x203] == 'd' && bytes[0x204] == 'r' && bytes[0x205] == 'S';
        return pe && !bootSector && !setupHeader;
    }

    public PeHeader pe() {
        return pe;
    }

    /** A section's contents, if the image has it. */
    public Optional<byte[]> section(String name) {
        return pe.sections().stream().filter(s -> s.name().equals(name)).findFirst().map(section -> {
            long length = section.virtualSize() == 0 ? section.size() : Math.min(section.virtualSize(), section.size());
            return Arrays.copyOfRange(bytes, (int) section.pointer(), (int) (section.pointer() + length));
        });
    }

    /** The kernel it carries, a bzImage. */
    public BzImage linux() throws ImageFormatException {
        try {
            return BzImage.parse(section(".linux").orElseThrow());
        } catch (ImageFormatException e) {
            throw new ImageFormatException(".linux", "the kernel in the UKI is not a bzImage: " + e.getMessage());
        }
    }

    /** A text section, without the NULs and line breaks that end it. */
    public Optional<String> text(String name) {
        return section(name).map(contents -> new String(contents, StandardCharsets.UTF_8).replaceAll("[\\x00\\s]+$", ""));
    }

    /** {@code PRETTY_NAME} of its {@code .osrel}, if it has one. */
    public Optional<String> prettyName() {
        return text(".osrel").flatMap(osrel -> osrel.lines().filter(line -> line.startsWith("PRETTY_NAME=")).findFirst())
                .map(line -> line.substring("PRETTY_NAME=".length()).replaceAll("^\"|\"$", ""));
    }
}
