package org.kexec.runtime.backend.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.backend.KexecException;

/** An initrd handed to kexec_file_load as it is on disk: opened read-only, or one line saying why not. */
class DiskFileTest {

    @TempDir
    Path folder;

    @Test
    void opensTheFileReadOnly() throws Exception {
        Path initrd = Files.write(folder.resolve("initrd.img"), new byte[] {1, 2, 3});
        try (DiskFile file = DiskFile.open("the initrd", initrd)) {
            Path self = Path.of("/proc/self/fd/" + file.fd());
            assertEquals(initrd, Files.readSymbolicLink(self));
            assertEquals(SealedFile.O_RDONLY, NativeLibC.LIBC.fcntl(file.fd(), SealedFile.F_GETFL, 0) & 0x3);
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(self));
        }
    }

    @Test
    void aFileGoneSinceItWasReadIsOneLine() {
        Path gone = folder.resolve("initrd.img");
        KexecException refused = assertThrows(KexecException.class, () -> DiskFile.open("the initrd", gone));
        assertEquals("cannot open the initrd " + gone + " for kexec_file_load: ENOENT (no such file or directory); it was"
                + " read a moment before: was it removed or replaced?", refused.getMessage());
    }
}
