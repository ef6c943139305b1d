package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A UKI built from Debian's systemd-stub and kernel, read back section by section; a damaged section table refused. */
class UnifiedKernelImageTest {

    @TempDir
    Path work;

    @Test
    void readsTheSectionsOfAUkiBuiltFromDebiansStub() throws Exception {
        Path kernel = DebianKernels.fetch("unsigned").path();
        byte[] initrd = new byte[4096];
        initrd[0] = 0x30;
        Path uki = UkiImages.build(work, kernel, initrd, "console=ttyS0 root=/dev/vda ro\n", "6.1.0-57-amd64");
        UnifiedKernelImage image = UnifiedKernelImage.of(Files.readAllBytes(uki)).orElseThrow();
        assertEquals(List.of(".osrel", ".cmdline", ".uname", ".linux", ".initrd"), image.pe().sections().stream()
                .map(PeHeader.Section::name).filter(name -> List.of(".osrel", ".cmdline", ".uname", ".linux", ".initrd").contains(name))
                .toList());
        assertArrayEquals(Files.readAllBytes(kernel), image.section(".linux").orElseThrow());
        assertArrayEquals(initrd, image.section(".initrd").orElseThrow());
        assertEquals(Optional.of("console=ttyS0 root=/dev/vda ro"), image.text(".cmdline"));
        assertEquals(Optional.of("6.1.0-57-amd64"), image.text(".uname"));
        assertEquals(Optional.of("Debian GNU/Linux 12 (bookworm)"), image.prettyName());
        assertEquals(Compression.XZ, image.linux().compression());
        assertEquals(false, image.pe().signed());
    }

    @Test
    void aKernelOrAPeWithoutLinuxIsNoUki() throws Exception {
        assertEquals(Optional.empty(), UnifiedKernelImage.of(BzImages.withPeHeader(BzImages.debian12(0x8000), 0)));
        assertEquals(Optional.empty(), UnifiedKernelImage.of(Files.readAllBytes(UkiImages.stub())));
    }

    @Test
    void aSectionPastTheFileIsRefused() throws Exception {
        byte[] uki = Files.readAllBytes(UkiImages.build(work, DebianKernels.fetch("unsigned").path(), new byte[16], "", "x"));
        ByteBuffer bytes = ByteBuffer.wrap(uki).order(ByteOrder.LITTLE_ENDIAN);
        PeHeader pe = PeHeader.parse(uki).orElseThrow();
        int index = pe.sections().stream().map(PeHeader.Section::name).toList().indexOf(".initrd");
        int optionalSize = Short.toUnsignedInt(bytes.getShort(pe.peOffset() + 20));
        int header = pe.peOffset() + 24 + optionalSize + index * 40;
        bytes.putInt(header + 16, uki.length);
        assertEquals("section " + index + ": its data at " + "0x" + Long.toHexString(pe.sections().get(index).pointer()) + "+0x"
                + Integer.toHexString(uki.length) + " ends past the end of the " + uki.length + "-byte file.",
                assertThrows(ImageFormatException.class, () -> UnifiedKernelImage.of(uki)).getMessage());
    }
}
