package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Synthetic bzImage files for tests: a real setup header in front of zeros, valid as far as a loader looks. */
public final class BzImages {

    private BzImages() {
    }

    /** A bzImage of {@code length} bytes whose header has the values of Debian 12's 6.1 kernel (protocol 2.15). */
    public static byte[] debian12(int length) {
        ByteBuffer image = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        image.put(0x1f1, (byte) 27);                    // setup_sects
        image.putShort(0x1fe, (short) 0xaa55);          // boot_flag
        image.put(0x200, (byte) 0xeb).put(0x201, (byte) 0x6a); // jmp: header ends at 0x26c
        image.putInt(0x202, 0x53726448);                 // "HdrS"
        image.putShort(0x206, (short) 0x020f);           // version 2.15
        image.put(0x211, (byte) 0x01);                   // loadflags: LOADED_HIGH
        image.putInt(0x214, 0x100000);                   // code32_start
        image.putInt(0x22c, 0x7fffffff);                 // initrd_addr_max
        image.putInt(0x230, 0x200000);                   // kernel_alignment
        image.put(0x234, (byte) 1);                      // relocatable_kernel
        image.put(0x235, (byte) 21);                     // min_alignment
        image.putShort(0x236, (short) 0x7f);             // xloadflags
        image.putInt(0x238, 2047);                       // cmdline_size
        image.putInt(0x248, 0x3b5);                      // payload_offset
        image.putInt(0x24c, 0x100);                      // payload_length
        image.putLong(0x258, 0x1000000);                 // pref_address
        image.putInt(0x260, 0x2e9b000);                  // init_size
        return image.array();
    }

    /**
     * The image with an EFI stub's PE32+ headers at 0x40 (as Linux's header.S places them) and, when
     * {@code certificateTableSize} is not 0, a certificate table of that size at the end of the file.
     */
    public static byte[] withPeHeader(byte[] image, int certificateTableSize) {
        ByteBuffer bytes = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putShort(0, (short) 0x5a4d);                        // "MZ"
        bytes.putInt(0x3c, 0x40);                                 // e_lfanew
        bytes.putInt(0x40, 0x00004550);                           // "PE\0\0"
        bytes.putShort(0x44, (short) 0x8664);                     // machine: x86-64
        bytes.putShort(0x54, (short) 0xf0);                       // SizeOfOptionalHeader
        bytes.putShort(0x58, (short) 0x20b);                      // PE32+
        bytes.putInt(0x58 + 60, 0x200);                           // SizeOfHeaders
        bytes.putInt(0x58 + 108, 6);                              // NumberOfRvaAndSizes
        if (certificateTableSize != 0) {
            bytes.putInt(0x58 + 112 + 32, image.length - certificateTableSize);
            bytes.putInt(0x58 + 112 + 36, certificateTableSize);
        }
        return image;
    }

    /** The same image with a 16-bit header field changed. */
    public static byte[] withShort(byte[] image, int offset, int value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
        return image;
    }

    /** The same image with a 32-bit header field changed. */
    public static byte[] withInt(byte[] image, int offset, int value) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return image;
    }
}
