package org.kexec.runtime.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.units.Sizes;

/**
 * Builds the boot_params segment the 64-bit boot protocol hands the kernel in {@code rsi}: the 4 KiB "zero page",
 * then the NUL-terminated command line, then a SETUP_E820_EXT setup_data with the e820 entries beyond the
 * zero page's 128 (Documentation/arch/x86/zero-page.rst, boot.rst; kexec-tools' x86-linux-setup.c).
 */
public final class BootParams {
    public static final int SIZE = 4096;

    // Offsets in struct boot_params (arch/x86/include/uapi/asm/bootparam.h).
    /** {@code acpi_rsdp_addr}: where the running kernel found the ACPI RSDP (its decompressor stores it here). */
    public static final int ACPI_RSDP_ADDR = 0x070;
    static final int EXT_RAMDISK_IMAGE = 0x0c0;
    static final int EXT_RAMDISK_SIZE = 0x0c4;
    static final int EXT_CMD_LINE_PTR = 0x0c8;
    static final int E820_ENTRIES = 0x1e8;
    static final int SENTINEL = 0x1ef;
    static final int TYPE_OF_LOADER = 0x210;
    static final int LOADFLAGS = 0x211;
    static final int RAMDISK_IMAGE = 0x218;
    static final int RAMDISK_SIZE = 0x21c;
    static final int CMD_LINE_PTR = 0x228;
    static final int SETUP_DATA = 0x250;
    static final int E820_TABLE = 0x2d0;
    /** E820_MAX_ENTRIES_ZEROPAGE. */
    public static final int E820_IN_ZERO_PAGE = 128;
    /** Loader ID 0xD (kexec) in the high nibble, as kexec-tools and the kernel's own loader write it. */
    static final int LOADER_KEXEC = 0xd0;
    static final int SETUP_E820_EXT = 1;
    static final int SETUP_DATA_HEADER = 16;

    /** The built segment and where its parts are. */
    public record Built(byte[] bytes, long cmdlineAddress, long setupDataAddress) {
    }

    private BootParams() {
    }

    /**
     * Lays out the segment for physical address {@code base}.
     *
     * @param template    the running kernel's boot_params ({@code /sys/kernel/boot_params/data}), whose firmware
     *                    fields (screen_info, acpi_rsdp_addr, efi_info, …) are carried over; empty for none
     * @param ramdisk     {@code [address, size]} of the initrd region, or zeros for none
     */
    public static Built build(BzImage kernel, String cmdline, List<E820Entry> e820, long[] ramdisk, long base,
                              Optional<byte[]> template) {
        byte[] command = cmdline.getBytes(StandardCharsets.US_ASCII);
        int cmdlineOffset = SIZE;
        int setupOffset = (int) Sizes.alignUp(cmdlineOffset + command.length + 1, 16);
        int extra = Math.max(0, e820.size() - E820_IN_ZERO_PAGE);
        int length = extra == 0 ? cmdlineOffset + command.length + 1 : setupOffset + SETUP_DATA_HEADER + extra * E820Entry.SIZE;
        ByteBuffer params = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);

        template.ifPresent(fields -> params.put(0, fields, 0, Math.min(SetupHeader.OFFSET, fields.length)));
        params.put(SENTINEL, (byte) 0);
        SetupHeader header = kernel.header();
        params.put(SetupHeader.OFFSET, kernel.bytes(), SetupHeader.OFFSET, header.headerEnd() - SetupHeader.OFFSET);
        params.put(TYPE_OF_LOADER, (byte) LOADER_KEXEC);
        params.put(LOADFLAGS, (byte) 0);

        long cmdlineAddress = base + cmdlineOffset;
        params.putInt(CMD_LINE_PTR, (int) cmdlineAddress);
        params.putInt(EXT_CMD_LINE_PTR, (int) (cmdlineAddress >>> 32));
        params.putInt(RAMDISK_IMAGE, (int) ramdisk[0]);
        params.putInt(EXT_RAMDISK_IMAGE, (int) (ramdisk[0] >>> 32));
        params.putInt(RAMDISK_SIZE, (int) ramdisk[1]);
        params.putInt(EXT_RAMDISK_SIZE, (int) (ramdisk[1] >>> 32));

        int inPage = Math.min(e820.size(), E820_IN_ZERO_PAGE);
        params.put(E820_ENTRIES, (byte) inPage);
        for (int i = 0; i < inPage; i++) {
            putEntry(params, E820_TABLE + i * E820Entry.SIZE, e820.get(i));
        }
        params.put(cmdlineOffset, command);

        long setupDataAddress = 0;
        if (extra > 0) {
            setupDataAddress = base + setupOffset;
            params.putLong(SETUP_DATA, setupDataAddress);
            params.putLong(setupOffset, 0);
            params.putInt(setupOffset + 8, SETUP_E820_EXT);
            params.putInt(setupOffset + 12, extra * E820Entry.SIZE);
            for (int i = 0; i < extra; i++) {
                putEntry(params, setupOffset + SETUP_DATA_HEADER + i * E820Entry.SIZE, e820.get(E820_IN_ZERO_PAGE + i));
            }
        } else {
            params.putLong(SETUP_DATA, 0);
        }
        return new Built(params.array(), cmdlineAddress, setupDataAddress);
    }

    private static void putEntry(ByteBuffer params, int offset, E820Entry entry) {
        params.putLong(offset, entry.address());
        params.putLong(offset + 8, entry.size());
        params.putInt(offset + 16, entry.type());
    }
}
