package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.rules.KernelRules;

/**
 * Debian's real kernels parsed by kboot, each field checked against the bytes read independently with {@code od}.
 */
class DebianKernelImageTest {

    /** The unsigned little-endian integer of {@code size} bytes at {@code offset}, as od reads it. */
    private static long od(Path file, int offset, int size) throws IOException, InterruptedException {
        Process od = new ProcessBuilder("od", "-An", "-t", "u" + size, "-j", Integer.toString(offset), "-N",
                Integer.toString(size), file.toString()).start();
        String out = new String(od.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertEquals(0, od.waitFor());
        return Long.parseUnsignedLong(out);
    }

    private static void assertHeaderMatchesOd(Path file, SetupHeader header) throws Exception {
        assertEquals(od(file, 0x1f1, 1), header.setupSects());
        assertEquals(od(file, 0x1fe, 2), header.bootFlag());
        assertEquals(od(file, 0x206, 2), header.version());
        assertEquals(od(file, 0x211, 1), header.loadflags());
        assertEquals(od(file, 0x214, 4), header.code32Start());
        assertEquals(od(file, 0x22c, 4), header.initrdAddrMax());
        assertEquals(od(file, 0x230, 4), header.kernelAlignment());
        assertEquals(od(file, 0x234, 1) != 0, header.relocatable());
        assertEquals(od(file, 0x235, 1), header.minAlignment());
        assertEquals(od(file, 0x236, 2), header.xloadflags());
        assertEquals(od(file, 0x238, 4), header.cmdlineSize());
        assertEquals(od(file, 0x248, 4), header.payloadOffset());
        assertEquals(od(file, 0x24c, 4), header.payloadLength());
        assertEquals(od(file, 0x258, 8), header.prefAddress());
        assertEquals(od(file, 0x260, 4), header.initSize());
        assertEquals(0x202 + od(file, 0x201, 1), header.headerEnd());
    }

    private static BzImage parse(Path file) throws IOException, ImageFormatException {
        return BzImage.parse(Files.readAllBytes(file));
    }

    @Test
    void genericKernelHeaderMatchesTheBytes() throws Exception {
        Path file = DebianKernels.fetch("unsigned").path();
        BzImage image = parse(file);
        assertHeaderMatchesOd(file, image.header());
        assertTrue(image.header().version() >= KernelRules.MIN_PROTOCOL);
        assertTrue(image.header().has64BitEntry());
        assertTrue(image.header().relocatable());
        assertEquals(Compression.XZ, image.compression());
        assertFalse(image.pe().orElseThrow().signed());
    }

    @Test
    void signedKernelCarriesItsCertificateTable() throws Exception {
        Path file = DebianKernels.fetch("signed").path();
        BzImage image = parse(file);
        assertHeaderMatchesOd(file, image.header());
        PeHeader pe = image.pe().orElseThrow();
        assertEquals(od(file, 0x3c, 4), pe.peOffset());
        assertEquals(0x8664, pe.machine());
        assertEquals(PeHeader.PE32_PLUS, pe.optionalHeaderMagic());
        assertEquals(od(file, pe.certificateDirectory(), 4), pe.certificateTableOffset());
        assertEquals(od(file, pe.certificateDirectory() + 4, 4), pe.certificateTableSize());
        assertTrue(pe.signed());
        int table = (int) pe.certificateTableOffset();
        long dwLength = od(file, table, 4);
        assertEquals(pe.certificateTableSize(), (dwLength + 7) & ~7L, "Linux requires round_up(dwLength, 8) == size");
        assertEquals(0x0200, od(file, table + 4, 2), "wRevision");
        assertEquals(0x0002, od(file, table + 6, 2), "wCertificateType: PKCS_SIGNED_DATA");
        assertEquals(Files.size(file), pe.certificateTableOffset() + pe.certificateTableSize(), "the table ends the file");
    }

    @Test
    void cloudKernelIsLz4() throws Exception {
        Path file = DebianKernels.fetch("cloud").path();
        BzImage image = parse(file);
        assertHeaderMatchesOd(file, image.header());
        assertEquals(Compression.LZ4, image.compression());
    }
}
