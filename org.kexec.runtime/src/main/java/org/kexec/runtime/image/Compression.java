package org.kexec.runtime.image;

/**
 * How the kernel inside a bzImage's payload is compressed, recognised by the magic bytes each format starts with
 * (the formats arch/x86/boot/compressed supports). Reported, not undone: a bzImage decompresses itself.
 */
public enum Compression {
    GZIP("gzip", new int[] {0x1f, 0x8b}),
    BZIP2("bzip2", new int[] {'B', 'Z', 'h'}),
    LZMA("lzma", new int[] {0x5d, 0x00, 0x00}),
    XZ("xz", new int[] {0xfd, '7', 'z', 'X', 'Z', 0x00}),
    LZO("lzo", new int[] {0x89, 'L', 'Z', 'O'}),
    LZ4("lz4", new int[] {0x02, 0x21, 0x4c, 0x18}),
    ZSTD("zstd", new int[] {0x28, 0xb5, 0x2f, 0xfd}),
    /** An uncompressed ELF vmlinux (CONFIG_KERNEL_UNCOMPRESSED). */
    NONE("none (ELF)", new int[] {0x7f, 'E', 'L', 'F'}),
    UNKNOWN("unknown", new int[0]);

    private final String label;
    private final int[] magic;

    Compression(String label, int[] magic) {
        this.label = label;
        this.magic = magic;
    }

    /** How people name it: {@code xz}. */
    public String label() {
        return label;
    }

    /** The format of the {@code length} bytes at {@code offset} of {@code image}. */
    public static Compression detect(byte[] image, long offset, long length) {
        for (Compression compression : values()) {
            if (compression.magic.length > 0 && compression.magic.length <= length && compression.matches(image, offset)) {
                return compression;
            }
        }
        return UNKNOWN;
    }

    private boolean matches(byte[] image, long offset) {
        if (offset < 0 || offset + magic.length > image.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (Byte.toUnsignedInt(image[(int) offset + i]) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
