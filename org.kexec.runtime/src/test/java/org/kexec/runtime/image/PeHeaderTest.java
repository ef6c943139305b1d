package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeHeaderTest {

    @Test
    void findsTheCertificateTable() throws ImageFormatException {
        PeHeader header = PeHeader.parse(BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800)).orElseThrow();
        assertEquals(0x40, header.peOffset());
        assertEquals(0x8664, header.machine());
        assertEquals(PeHeader.PE32_PLUS, header.optionalHeaderMagic());
        assertEquals(0x98, header.checksumOffset());
        assertEquals(0xe8, header.certificateDirectory());
        assertEquals(0x7800, header.certificateTableOffset());
        assertEquals(0x800, header.certificateTableSize());
        assertEquals(0, header.sections().size());
        assertTrue(header.signed());
    }

    @Test
    void unsignedImagesHaveNoTable() throws ImageFormatException {
        assertFalse(PeHeader.parse(BzImages.withPeHeader(BzImages.debian12(0x8000), 0)).orElseThrow().signed());
    }

    @Test
    void kernelsWithoutTheEfiStubHaveNoPeHeaders() throws ImageFormatException {
        assertEquals(Optional.empty(), PeHeader.parse(BzImages.debian12(0x8000)));
    }

    @Test
    void namesWhatIsBroken() {
        byte[] farPe = BzImages.withPeHeader(BzImages.debian12(0x8000), 0);
        BzImages.withInt(farPe, 0x3c, 0x10000);
        assertEquals("e_lfanew: points to 0x10000, past the end of the 32768-byte file.", message(farPe));
        byte[] noSignature = BzImages.withInt(BzImages.withPeHeader(BzImages.debian12(0x8000), 0), 0x40, 0);
        assertEquals("PE signature: no \"PE\\0\\0\" at 0x40 (e_lfanew).", message(noSignature));
        byte[] badMagic = BzImages.withShort(BzImages.withPeHeader(BzImages.debian12(0x8000), 0), 0x58, 0x107);
        assertEquals("optional header magic: is 0x107, neither PE32 (0x10b) nor PE32+ (0x20b).", message(badMagic));
        byte[] tableOutside = BzImages.withInt(BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800), 0x58 + 112 + 36, 0x900);
        assertEquals("certificate table: 0x7800+0x900 ends past the end of the 32768-byte file.", message(tableOutside));
    }

    private static String message(byte[] image) {
        return assertThrows(ImageFormatException.class, () -> PeHeader.parse(image)).getMessage();
    }
}
