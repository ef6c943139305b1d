package org.kexec.runtime.backend.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.Target;

/**
 * What kexec_file_load receives: a read-only descriptor of a sealed memory file holding the bytes kboot checked.
 * A file changed on disk after the check does not reach the kernel.
 */
class SealedFileTest {

    @TempDir
    Path folder;

    @Test
    void holdsExactlyTheBytesReadOnlyAndSealed() throws Exception {
        byte[] bytes = "the verified kernel".getBytes();
        try (SealedFile file = SealedFile.of("kboot-kernel", ByteBuffer.wrap(bytes))) {
            Path self = Path.of("/proc/self/fd/" + file.fd());
            assertArrayEquals(bytes, Files.readAllBytes(self));
            assertEquals("/memfd:kboot-kernel (deleted)", Files.readSymbolicLink(self).toString());
            assertEquals(SealedFile.O_RDONLY, file.openFlags() & 0x3, "open read-only: the kernel refuses files open for writing");
            assertEquals(SealedFile.ALL_SEALS, file.seals());
            try (FileChannel writer = FileChannel.open(self, StandardOpenOption.WRITE)) {
                IOException refused = assertThrows(IOException.class, () -> writer.write(ByteBuffer.wrap(new byte[] {1})));
                assertEquals("Operation not permitted", refused.getMessage());
            }
            assertArrayEquals(bytes, Files.readAllBytes(self));
        }
    }

    @Test
    void anInitrdInNativeMemoryOfSeveralWritesIsCopiedWhole() throws Exception {
        byte[] initrd = new byte[(5 << 19) + 3];
        new java.util.Random(17).nextBytes(initrd);
        try (SealedFile file = SealedFile.of("kboot-initrd", ByteBuffer.allocateDirect(initrd.length).put(initrd).flip())) {
            assertArrayEquals(initrd, Files.readAllBytes(Path.of("/proc/self/fd/" + file.fd())));
        }
    }

    @Test
    void aKernelRewrittenOnDiskAfterItsCheckDoesNotReachTheKernel() throws Exception {
        Path kernel = folder.resolve("vmlinuz");
        byte[] checked = BzImages.debian12(64 * 1024);
        Files.write(kernel, checked);
        BootSpec boot = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0);
        BootSpec spec = TestBoots.withKernel(boot, new ImageSpec("k", ImageRole.KERNEL, kernel.toString(), Optional.empty(), List.of()));
        BootImages images = BootImages.accept(spec, HostFiles.of(folder));
        byte[] other = checked.clone();
        other[other.length - 1] ^= 1;
        Files.write(kernel, other);
        try (SealedFile sealed = SealedFile.of("kboot-kernel", ByteBuffer.wrap(images.kernel().bytes()))) {
            assertArrayEquals(checked, Files.readAllBytes(Path.of("/proc/self/fd/" + sealed.fd())));
        }
    }
}
