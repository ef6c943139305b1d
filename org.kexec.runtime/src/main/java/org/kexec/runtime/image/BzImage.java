package org.kexec.runtime.image;

import java.util.Optional;

/**
 * A parsed bzImage kernel: the file's bytes with its setup header, its PE headers when it has an EFI stub, and
 * the compression of its payload. The bytes are the exact ones that were parsed, so what is later hashed and
 * loaded is what was checked.
 */
public final class BzImage implements BootKernel {

    private final byte[] bytes;
    private final SetupHeader header;
    private final Optional<PeHeader> pe;
    private final Compression compression;

    private BzImage(byte[] bytes, SetupHeader header, Optional<PeHeader> pe, Compression compression) {
        this.bytes = bytes;
        this.header = header;
        this.pe = pe;
        this.compression = compression;
    }

    /**
     * Parses a kernel file's bytes; keeps a reference to them (callers hand over ownership). Whether kboot can boot
     * it is {@code KernelRules}' question, not the parser's.
     *
     * @throws ImageFormatException naming the field that is wrong
     */
    public static BzImage parse(byte[] bytes) throws ImageFormatException {
        SetupHeader header = SetupHeader.parse(bytes);
        Optional<PeHeader> pe = PeHeader.parse(bytes);
        long payload = header.protectedModeOffset() + header.payloadOffset();
        Compression compression = header.payloadLength() == 0 ? Compression.UNKNOWN
                : Compression.detect(bytes, payload, header.payloadLength());
        return new BzImage(bytes, header, pe, compression);
    }

    public SetupHeader header() {
        return header;
    }

    public Optional<PeHeader> pe() {
        return pe;
    }

    @Override
    public long cmdlineSize() {
        return header.cmdlineSize();
    }

    public Compression compression() {
        return compression;
    }

    /** Size of the file. */
    public int length() {
        return bytes.length;
    }

    /** The protected-mode kernel: the bytes the kernel segment carries (everything after the setup sectors). */
    public byte[] protectedModeKernel() {
        return java.util.Arrays.copyOfRange(bytes, (int) header.protectedModeOffset(), bytes.length);
    }

    /** The real-mode part (boot sector and setup sectors), whose header boot_params copies. */
    public byte[] realModePart() {
        return java.util.Arrays.copyOf(bytes, (int) header.protectedModeOffset());
    }

    /** The file's bytes; shared, not copied: callers must not change them. */
    public byte[] bytes() {
        return bytes;
    }
}
