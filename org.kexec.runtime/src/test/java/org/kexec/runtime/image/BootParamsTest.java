package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootParamsTest {

    private static List<E820Entry> entries(int count) {
        List<E820Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new E820Entry(i * 0x100000L, 0x100000, i % 2 == 0 ? E820Entry.RAM : E820Entry.RESERVED));
        }
        return entries;
    }

    private static ByteBuffer build(int e820, Optional<byte[]> template) throws ImageFormatException {
        BootParams.Built built = BootParams.build(BzImage.parse(BzImages.debian12(0x8000)), "quiet", entries(e820),
                new long[] {0x1_2000_0000L, 0x3000}, 0x7000_0000L, template);
        return ByteBuffer.wrap(built.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void fillsTheFieldsTheProtocolNames() throws ImageFormatException {
        ByteBuffer params = build(3, Optional.empty());
        assertEquals(4096 + 6, params.capacity());
        assertEquals(0x70001000, params.getInt(0x228), "cmd_line_ptr");
        assertEquals(0, params.getInt(0x0c8), "ext_cmd_line_ptr");
        assertEquals(0x20000000, params.getInt(0x218), "ramdisk_image, low 32 bits");
        assertEquals(1, params.getInt(0x0c0), "ext_ramdisk_image, high 32 bits");
        assertEquals(0x3000, params.getInt(0x21c), "ramdisk_size");
        assertEquals(0xd0, Byte.toUnsignedInt(params.get(0x210)), "type_of_loader");
        assertEquals(0, params.get(0x211), "loadflags");
        assertEquals(3, params.get(0x1e8), "e820_entries");
        assertEquals(0x200000L, params.getLong(0x2d0 + 2 * 20), "third entry's address");
        assertEquals(E820Entry.RAM, params.getInt(0x2d0 + 2 * 20 + 16), "third entry's type");
        assertEquals(0x7fffffff, params.getInt(0x22c), "initrd_addr_max copied with the header");
        assertEquals(0L, params.getLong(0x250), "no setup_data");
        assertEquals('q', params.get(4096));
        assertEquals(0, params.get(4096 + 5), "NUL-terminated");
    }

    @Test
    void entriesBeyond128GoIntoSetupData() throws ImageFormatException {
        ByteBuffer params = build(10_000, Optional.empty());
        assertEquals((byte) 128, params.get(0x1e8), "e820_entries in the zero page");
        long setupData = params.getLong(0x250);
        assertEquals(0x70000000L + 4112, setupData, "16-aligned after the command line");
        int offset = (int) (setupData - 0x70000000L);
        assertEquals(0L, params.getLong(offset), "next");
        assertEquals(1, params.getInt(offset + 8), "SETUP_E820_EXT");
        assertEquals((10_000 - 128) * 20, params.getInt(offset + 12), "len");
        assertEquals(128 * 0x100000L, params.getLong(offset + 16), "first entry beyond the zero page");
        assertEquals(9_999 * 0x100000L, params.getLong(offset + 16 + (9_999 - 128) * 20), "last entry");
        assertEquals(offset + 16 + (10_000 - 128) * 20, params.capacity());
    }

    @Test
    void firmwareFieldsComeFromTheRunningKernel() throws ImageFormatException {
        byte[] template = new byte[4096];
        ByteBuffer.wrap(template).order(ByteOrder.LITTLE_ENDIAN).putLong(0x070, 0xf59d0L).put(0x1ef, (byte) 0xff)
                .put(0x1e8, (byte) 99).putInt(0x228, 0x12345678);
        ByteBuffer params = build(1, Optional.of(template));
        assertEquals(0xf59d0L, params.getLong(0x070), "acpi_rsdp_addr carried over");
        assertEquals(0, params.get(0x1ef), "sentinel cleared: a set sentinel makes the kernel wipe the header");
        assertEquals(1, params.get(0x1e8), "e820_entries are ours");
        assertEquals(0x70001000, params.getInt(0x228), "cmd_line_ptr is ours");
    }
}
