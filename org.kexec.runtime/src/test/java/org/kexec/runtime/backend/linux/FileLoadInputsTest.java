package org.kexec.runtime.backend.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.nativecode.NativeAccess;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.spec.BootKind;

class FileLoadInputsTest {

    @Test
    void theCommandLineGoesNulTerminatedWithTheNulCounted() throws Exception {
        NativeAccess.require(KexecException::new);
        FileLoad load = new FileLoad(BootKind.DEFAULT, NamedBytes.of("/boot/vmlinuz", new byte[] {1, 2}), Optional.empty(),
                "console=ttyS0 quiet");
        try (FileLoadInputs inputs = FileLoadInputs.open(load)) {
            assertEquals(20, inputs.cmdlineLength());
            byte[] passed = new byte[20];
            inputs.cmdline().get(0, passed, 0, passed.length);
            assertArrayEquals("console=ttyS0 quiet\0".getBytes(StandardCharsets.US_ASCII), passed);
            assertEquals(-1, inputs.initrdFd());
            assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(Path.of("/proc/self/fd/" + inputs.kernelFd())));
        }
    }
}
