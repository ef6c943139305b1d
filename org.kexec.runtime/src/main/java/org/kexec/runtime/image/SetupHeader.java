package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexec.runtime.units.Sizes;

/**
 * The x86 boot protocol's setup header of a bzImage: what a loader needs to place and enter the kernel.
 * Offsets are file offsets, which equal boot_params offsets (Documentation/arch/x86/boot.rst). Fields that
 * a protocol version predates hold the values the protocol document prescribes for older kernels.
 *
 * @param setupSects        sectors of real-mode setup code after the boot sector (0 in the file means 4)
 * @param bootFlag          0xAA55
 * @param version           protocol version, major in the high byte (0x020f = 2.15)
 * @param loadflags         LOADED_HIGH (bit 0) and friends
 * @param code32Start       32-bit entry / default load address
 * @param initrdAddrMax     highest address an initrd byte may occupy
 * @param kernelAlignment   alignment the kernel must be loaded at
 * @param relocatable       the kernel may run at any kernel_alignment-aligned address
 * @param minAlignment      log2 of the least alignment the kernel tolerates
 * @param xloadflags        XLF_KERNEL_64 (bit 0), XLF_CAN_BE_LOADED_ABOVE_4G (bit 1), …
 * @param cmdlineSize       longest command line, excluding the NUL
 * @param payloadOffset     offset of the compressed kernel from the protected-mode code
 * @param payloadLength     length of the compressed kernel
 * @param prefAddress       preferred load address
 * @param initSize          bytes the kernel needs from its load address while it decompresses and runs
 * @param headerEnd         file offset just past the header (0x202 + the jump's displacement byte)
 */
public record SetupHeader(int setupSects, int bootFlag, int version, int loadflags, long code32Start,
                          long initrdAddrMax, long kernelAlignment, boolean relocatable, int minAlignment,
                          int xloadflags, long cmdlineSize, long payloadOffset, long payloadLength,
                          long prefAddress, long initSize, int headerEnd) {

    // Offsets and constants from Documentation/arch/x86/boot.rst ("The real-mode kernel header").
    public static final int OFFSET = 0x1f1;
    public static final int BOOT_FLAG = 0xaa55;
    public static final int HDRS_MAGIC = 0x53726448;
    public static final int LOADED_HIGH = 1;
    public static final int XLF_KERNEL_64 = 1;
    public static final int XLF_CAN_BE_LOADED_ABOVE_4G = 1 << 1;
    /** Bytes of the file a header needs: through kernel_info_offset (0x268, 4 bytes). */
    public static final int MIN_LENGTH = 0x26c;
    /** Offset of the 64-bit entry from the protected-mode kernel's load address. */
    public static final int ENTRY_64_OFFSET = 0x200;

    /**
     * Parses and checks the header of a bzImage.
     *
     * @throws ImageFormatException naming the field that is wrong
     */
    public static SetupHeader parse(byte[] image) throws ImageFormatException {
        if (image.length < MIN_LENGTH) {
            throw new ImageFormatException("length", "the file has " + image.length
                    + " bytes, but a bzImage setup header ends at " + Sizes.hex(MIN_LENGTH) + ".");
        }
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int bootFlag = Short.toUnsignedInt(bytes.getShort(0x1fe));
        if (bootFlag != BOOT_FLAG) {
            throw new ImageFormatException("boot_flag", "is " + Sizes.hex(bootFlag) + " at 0x1fe, not 0xaa55: not a bzImage.");
        }
        int magic = bytes.getInt(0x202);
        if (magic != HDRS_MAGIC) {
            throw new ImageFormatException("header", "no \"HdrS\" magic at 0x202 (found " + Sizes.hex(Integer.toUnsignedLong(magic))
                    + "): a boot sector without a setup header, or not a Linux kernel.");
        }
        int version = Short.toUnsignedInt(bytes.getShort(0x206));
        int setupSects = Byte.toUnsignedInt(bytes.get(OFFSET));
        if (setupSects == 0) {
            setupSects = 4;
        }
        long setupEnd = (setupSects + 1L) * 512;
        if (setupEnd >= image.length) {
            throw new ImageFormatException("setup_sects", setupSects + " sectors of setup code end at "
                    + Sizes.hex(setupEnd) + ", at or past the end of the " + image.length + "-byte file.");
        }
        long payloadOffset = version >= 0x0208 ? Integer.toUnsignedLong(bytes.getInt(0x248)) : 0;
        long payloadLength = version >= 0x0208 ? Integer.toUnsignedLong(bytes.getInt(0x24c)) : 0;
        if (payloadOffset + payloadLength > image.length - setupEnd) {
            throw new ImageFormatException("payload_length", "the payload at " + Sizes.hex(payloadOffset) + "+"
                    + Sizes.hex(payloadLength) + " ends past the protected-mode kernel's "
                    + (image.length - setupEnd) + " bytes.");
        }
        return new SetupHeader(
                setupSects,
                bootFlag,
                version,
                Byte.toUnsignedInt(bytes.get(0x211)),
                Integer.toUnsignedLong(bytes.getInt(0x214)),
                version >= 0x0203 ? Integer.toUnsignedLong(bytes.getInt(0x22c)) : 0x37ffffffL,
                version >= 0x0205 ? Integer.toUnsignedLong(bytes.getInt(0x230)) : 0,
                version >= 0x0205 && bytes.get(0x234) != 0,
                version >= 0x020a ? Byte.toUnsignedInt(bytes.get(0x235)) : 0,
                version >= 0x020c ? Short.toUnsignedInt(bytes.getShort(0x236)) : 0,
                version >= 0x0206 ? Integer.toUnsignedLong(bytes.getInt(0x238)) : 255,
                payloadOffset,
                payloadLength,
                version >= 0x020a ? bytes.getLong(0x258) : 0,
                version >= 0x020a ? Integer.toUnsignedLong(bytes.getInt(0x260)) : 0,
                0x202 + Byte.toUnsignedInt(bytes.get(0x201)));
    }

    /** File offset of the protected-mode kernel: after the boot sector and the setup sectors. */
    public long protectedModeOffset() {
        return (setupSects + 1L) * 512;
    }

    /** The version as people write it: {@code 2.15}. */
    public String versionString() {
        return (version >> 8) + "." + String.format("%02d", version & 0xff);
    }

    /** The kernel has a 64-bit entry point at load address + 0x200 (XLF_KERNEL_64). */
    public boolean has64BitEntry() {
        return (xloadflags & XLF_KERNEL_64) != 0;
    }

    /** The protected-mode kernel may be loaded high (LOADED_HIGH; every bzImage sets it). */
    public boolean loadedHigh() {
        return (loadflags & LOADED_HIGH) != 0;
    }
}
