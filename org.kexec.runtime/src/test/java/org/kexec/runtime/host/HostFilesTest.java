package org.kexec.runtime.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;

/** Image files are read whole and byte for byte, however many reads that takes, initrds into native memory. */
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

    /** A host's initrds go to native memory, which kexec_load reads where it is. */
    @Test
    void anInitrdIsReadIntoNativeMemoryWholeAndExact() throws Exception {
        byte[] contents = new byte[(5 << 19) + 3];
        new Random(18).nextBytes(contents);
        Files.write(folder.resolve("initrd.img"), contents);
        ByteBuffer initrd = HostFiles.of(folder).readInitrd(new ImageSpec("initrd", ImageRole.INITRD, "initrd.img",
                Optional.empty(), List.of(), Optional.empty()));
        assertTrue(initrd.isDirect());
        assertEquals(0, initrd.position());
        assertEquals(ByteBuffer.wrap(contents), initrd);
    }
}
