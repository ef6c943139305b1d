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
