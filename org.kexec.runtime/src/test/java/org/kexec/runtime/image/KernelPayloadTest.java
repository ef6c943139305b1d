package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vmlinux inside a bzImage in every format a kernel build writes, compressed here by the tools and options the
 * kernel's scripts/Makefile.lib runs (then the four-byte size it appends), and read back byte for byte.
 */
class KernelPayloadTest {

    @TempDir
    Path work;

    /** A vmlinux of about 9 MiB: the test ELF, then text that compresses, so lz4 writes two 8 MiB blocks. */
    private static byte[] vmlinux() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ElfImages.vmlinux());
        for (int i = 0; out.size() < 9 << 20; i++) {
            out.writeBytes(("line " + i + " of a kernel that is not one, " + Integer.toHexString(i * 2654435761L > 0 ? i : -i)
                    + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** {@code tool args} over {@code input}, as Makefile.lib pipes it, with the decompressed size appended. */
    private byte[] compress(byte[] input, List<String> command) throws Exception {
        Path in = Files.write(work.resolve("vmlinux.bin"), input);
        Path out = work.resolve("payload");
        Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(Files.readAllBytes(out));
        payload.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(input.length).array());
        return payload.toByteArray();
    }

    /** A bzImage whose payload is {@code payload}, right after its setup sectors. */
    private static BzImage bzImage(byte[] payload) throws ImageFormatException {
        byte[] header = BzImages.debian12(28 * 512);
        byte[] image = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, image, header.length, payload.length);
        BzImages.withInt(image, 0x248, 0);
        BzImages.withInt(image, 0x24c, payload.length);
        return BzImage.parse(image);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "gzip; gzip -n -f -9",
        "xz; xz --check=crc32 --x86 --lzma2=dict=32MiB",
        "lzma; lzma -9",
        "bzip2; bzip2 -9",
        "lzo; lzop -9",
        "lz4; lz4 -l -9 - -",
        "zstd; zstd -22 --ultra"})
    void readsEveryFormatTheKernelBuilds(String format, String command) throws Exception {
        byte[] vmlinux = vmlinux();
        BzImage image = bzImage(compress(vmlinux, List.of(command.split(" "))));
        assertEquals(format, image.compression().label());
        assertArrayEquals(vmlinux, KernelPayload.decompress(image));
        assertEquals(0x1000000L, KernelPayload.vmlinux(image).loadSegments().get(0).paddr());
    }

    /** A payload cut in half (its size kept at the end) is one line naming the format and what broke. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "lzop -9; payload: the lzo stream ends in the middle of a block: \\d+ bytes at payload offset \\d+ run past its end",
        "lz4 -l -9 - -; payload: the lz4 stream ends in the middle of a block: \\d+ bytes at payload offset 8 run past its end",
        "zstd -22 --ultra; payload: the zstd stream is damaged: Src size is incorrect",
        "bzip2 -9; payload: the bzip2 stream is damaged: unexpected end of stream"})
    void aCutStreamIsOneLine(String command, String expected) throws Exception {
        byte[] payload = compress(vmlinux(), List.of(command.split(" ")));
        byte[] cut = Arrays.copyOf(payload, payload.length / 2);
        System.arraycopy(payload, payload.length - 4, cut, cut.length - 4, 4);
        String message = assertThrows(ImageFormatException.class, () -> KernelPayload.decompress(bzImage(cut))).getMessage();
        assertTrue(message.matches(expected), message);
    }
}
