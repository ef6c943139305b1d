package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Damaged copies of a real signed kernel, each with the verdict kboot must give it: a rule code, {@code accepted},
 * or {@code refused} where only the refusal itself is certain. Verdicts are given for a plain kexec_load boot, a plain
 * kexec_file_load boot, and a boot that requires the kernel's signature (checked before the kernel rules).
 */
public final class HostileKernels {

    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";

    /** One damaged kernel and its verdicts. */
    public record Hostile(String name, byte[] bytes, String kexecLoad, String fileLoad, String signed) {
    }

    private final byte[] kernel;
    private final int pe;
    private final int optional;
    private final int certificateDirectory;
    private final List<Hostile> corpus = new ArrayList<>();

    private HostileKernels(byte[] kernel) {
        this.kernel = kernel;
        this.pe = read(kernel, 0x3c, 4);
        this.optional = pe + 24;
        this.certificateDirectory = optional + 112 + 4 * 8;
    }

    /** At least 40 damaged kernels made from {@code signed}, a signed EFI-stub bzImage. */
    public static List<Hostile> of(byte[] signed) {
        HostileKernels k = new HostileKernels(signed);
        k.build();
        return List.copyOf(k.corpus);
    }

    private void build() {
        int length = kernel.length;
        int setupEnd = (kernel[0x1f1] + 1) * 512;
        int tableOffset = read(kernel, certificateDirectory, 4);
        add("intact", kernel, ACCEPTED, ACCEPTED, ACCEPTED);
        // Truncations
        add("empty", new byte[0], "kernel-format", "kernel-format", "signature");
        add("one-byte", Arrays.copyOf(kernel, 1), "kernel-format", "kernel-format", "signature");
        add("boot-sector-only", Arrays.copyOf(kernel, 512), "kernel-format", "kernel-format", "signature");
        add("1023-bytes", Arrays.copyOf(kernel, 1023), "kernel-format", "kernel-format", "signature");
        add("setup-cut", Arrays.copyOf(kernel, setupEnd - 1), "kernel-format", "kernel-format", "signature");
        add("half", Arrays.copyOf(kernel, length / 2), "kernel-format", "kernel-format", "signature");
        add("last-byte-cut", Arrays.copyOf(kernel, length - 1), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("signature-cut", Arrays.copyOf(kernel, tableOffset + 8), "kernel-pe-headers", "kernel-pe-headers", "signature");
        // Setup header fields
        add("boot-flag", with(0x1fe, 2, 0), "kernel-format", "kernel-format", "signature");
        add("no-hdrs-magic", with(0x202, 4, 0x53726447), "kernel-format", "kernel-format", "signature");
        add("protocol-2.00", with(0x206, 2, 0x0200), "kernel-protocol", "kernel-protocol", "signature");
        add("protocol-2.11", with(0x206, 2, 0x020b), "kernel-protocol", "kernel-protocol", "signature");
        add("protocol-0", with(0x206, 2, 0), "kernel-protocol", "kernel-protocol", "signature");
        add("protocol-2.12", with(0x206, 2, 0x020c), ACCEPTED, ACCEPTED, "signature");
        add("zimage", with(0x211, 1, kernel[0x211] & ~1), "kernel-zimage", "kernel-zimage", "signature");
        add("xloadflags-0", with(0x236, 2, 0), "kernel-not-64bit", "kernel-not-64bit", "signature");
        add("no-kernel-64", with(0x236, 2, read(kernel, 0x236, 2) & ~1), "kernel-not-64bit", "kernel-not-64bit", "signature");
        add("not-above-4g", with(0x236, 2, read(kernel, 0x236, 2) & ~2), "kernel-not-64bit", "kernel-not-64bit", "signature");
        add("xloadflags-all", with(0x236, 2, 0xffff), ACCEPTED, ACCEPTED, "signature");
        add("alignment-0", with(0x230, 4, 0), "kernel-alignment", "kernel-alignment", "signature");
        add("alignment-3", with(0x230, 4, 3), "kernel-alignment", "kernel-alignment", "signature");
        add("alignment-2m-plus-1", with(0x230, 4, 0x200001), "kernel-alignment", "kernel-alignment", "signature");
        add("alignment-4k", with(0x230, 4, 0x1000), ACCEPTED, ACCEPTED, "signature");
        add("not-relocatable", with(0x234, 1, 0), "kernel-not-relocatable", "kernel-not-relocatable", "signature");
        add("init-size-0", with(0x260, 4, 0), "kernel-init-size", "kernel-init-size", "signature");
        add("init-size-4k", with(0x260, 4, 0x1000), "kernel-init-size", "kernel-init-size", "signature");
        add("cmdline-size-0", with(0x238, 4, 0), "kernel-cmdline-size", "kernel-cmdline-size", "signature");
        add("cmdline-size-40", with(0x238, 4, 40), ACCEPTED, "cmdline-too-long", "signature");
        add("cmdline-size-12", with(0x238, 4, 12), "cmdline-too-long", "cmdline-too-long", "signature");
        add("setup-sects-255", with(0x1f1, 1, 255), REFUSED, REFUSED, "signature");
        add("payload-offset", with(0x248, 4, 0xffffff00), "kernel-format", "kernel-format", "signature");
        add("payload-length", with(0x24c, 4, 0x7fffffff), "kernel-format", "kernel-format", "signature");
        // PE/COFF headers and the certificate table
        add("e-lfanew-past-end", with(0x3c, 4, 0x7fffffff), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("pe-signature", with(pe, 4, 0x00004551), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("optional-magic", with(optional, 2, 0x0107), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("65535-sections", with(pe + 6, 2, 0xffff), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("certificates-past-end", with(certificateDirectory, 4, length), "kernel-pe-headers", "kernel-pe-headers", "signature");
        add("certificates-too-long", with(certificateDirectory + 4, 4, 0x7fff0000), "kernel-pe-headers", "kernel-pe-headers",
                "signature");
        add("unsigned", with(certificateDirectory + 4, 4, 0), ACCEPTED, ACCEPTED, "signature");
        // Signature tampering
        add("checksum", with(optional + 64, 4, read(kernel, optional + 64, 4) ^ 0x5a5a), ACCEPTED, ACCEPTED, ACCEPTED);
        add("setup-code-byte", flip(0x300), ACCEPTED, ACCEPTED, "signature");
        add("payload-byte", flip(setupEnd + (length - setupEnd) / 2), ACCEPTED, ACCEPTED, "signature");
        add("signature-blob-byte", flip(tableOffset + 0x100), ACCEPTED, ACCEPTED, "signature");
        add("certificate-entry-length", with(tableOffset, 4, 0), ACCEPTED, ACCEPTED, "signature");
        add("byte-appended", Arrays.copyOf(kernel, length + 1), ACCEPTED, ACCEPTED, REFUSED);
    }

    private void add(String name, byte[] bytes, String kexecLoad, String fileLoad, String signed) {
        corpus.add(new Hostile(name, bytes, kexecLoad, fileLoad, signed));
    }

    private byte[] with(int offset, int width, long value) {
        byte[] copy = kernel.clone();
        for (int i = 0; i < width; i++) {
            copy[offset + i] = (byte) (value >>> (8 * i));
        }
        return copy;
    }

    private byte[] flip(int offset) {
        byte[] copy = kernel.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    private static int read(byte[] bytes, int offset, int width) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return width == 1 ? Byte.toUnsignedInt(buffer.get(offset)) : width == 2 ? Short.toUnsignedInt(buffer.getShort(offset))
                : buffer.getInt(offset);
    }
}
