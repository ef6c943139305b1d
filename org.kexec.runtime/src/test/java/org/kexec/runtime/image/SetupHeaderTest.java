package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SetupHeaderTest {

    @Test
    void readsEveryFieldALoaderNeeds() throws ImageFormatException {
        SetupHeader header = SetupHeader.parse(BzImages.debian12(0x8000));
        assertEquals(new SetupHeader(27, 0xaa55, 0x020f, 1, 0x100000, 0x7fffffff, 0x200000, true, 21, 0x7f, 2047,
                0x3b5, 0x100, 0x1000000, 0x2e9b000, 0x26c), header);
        assertEquals(0x3800, header.protectedModeOffset());
        assertEquals("2.15", header.versionString());
        assertTrue(header.has64BitEntry());
        assertTrue(header.loadedHigh());
    }

    @Test
    void appliesTheProtocolsDefaultsForOldVersions() throws ImageFormatException {
        byte[] image = BzImages.debian12(0x8000);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putShort(0x206, (short) 0x0202).put(0x1f1, (byte) 0);
        SetupHeader header = SetupHeader.parse(image);
        assertEquals(4, header.setupSects());
        assertEquals(0x37ffffff, header.initrdAddrMax());
        assertEquals(255, header.cmdlineSize());
        assertEquals(0, header.kernelAlignment());
        assertFalse(header.relocatable());
        assertFalse(header.has64BitEntry());
        assertEquals("2.02", header.versionString());
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertEquals("length: the file has 512 bytes, but a bzImage setup header ends at 0x26c.",
                message(new byte[512]));
        byte[] noBootFlag = BzImages.debian12(0x8000);
        noBootFlag[0x1fe] = 0;
        assertEquals("boot_flag: is 0xaa00 at 0x1fe, not 0xaa55: not a bzImage.", message(noBootFlag));
        byte[] noMagic = BzImages.debian12(0x8000);
        noMagic[0x202] = 'X';
        assertEquals("header: no \"HdrS\" magic at 0x202 (found 0x53726458): a boot sector without a setup header,"
                + " or not a Linux kernel.", message(noMagic));
        assertEquals("setup_sects: 27 sectors of setup code end at 0x3800, at or past the end of the 14336-byte file.",
                message(BzImages.debian12(0x3800)));
        byte[] longPayload = BzImages.debian12(0x4000);
        ByteBuffer.wrap(longPayload).order(ByteOrder.LITTLE_ENDIAN).putInt(0x24c, 0x1000);
        assertEquals("payload_length: the payload at 0x3b5+0x1000 ends past the protected-mode kernel's 2048 bytes.",
                message(longPayload));
    }

    private static String message(byte[] image) {
        return assertThrows(ImageFormatException.class, () -> SetupHeader.parse(image)).getMessage();
    }
}
