package org.kexec.runtime.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files are read whole and byte for byte, however many reads that takes. */
class HostFilesTest {

    @TempDir
    Path folder;

    @Test
    void aFileOfSeveralReadSlicesIsReadWholeAndExact() throws Exception {
        byte[] contents = new byte[(5 << 19) + 3];
        new Random(16).nextBytes(contents);
        Path initrd = Files.write(folder.resolve("initrd.img"), contents);
        assertArrayEquals(contents, HostFiles.readBounded(initrd));
    }

    @Test
    void anEmptyFileIsReadAsNoBytes() throws Exception {
        assertArrayEquals(new byte[0], HostFiles.readBounded(Files.write(folder.resolve("empty"), new byte[0])));
    }
}
