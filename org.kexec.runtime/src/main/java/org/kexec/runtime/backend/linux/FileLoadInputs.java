package org.kexec.runtime.backend.linux;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.plan.FileLoad;

/**
 * What one kexec_file_load call takes, ready to pass: the kernel's descriptor (a sealed memory file), the initrd's
 * (its own file on disk or a sealed memory file), and the command line in native memory with its length counting the
 * NUL, as the kernel wants it. Closing closes both descriptors.
 */
final class FileLoadInputs implements AutoCloseable {

    private final KexecFileInput kernel;
    private final Optional<KexecFileInput> initrd;
    private final Pointer cmdline;
    private final long cmdlineLength;

    private FileLoadInputs(KexecFileInput kernel, Optional<KexecFileInput> initrd, Pointer cmdline, long cmdlineLength) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.cmdline = cmdline;
        this.cmdlineLength = cmdlineLength;
    }

    static FileLoadInputs open(FileLoad load) throws KexecException {
        byte[] cmdline = (load.cmdline() + "\0").getBytes(StandardCharsets.US_ASCII);
        Pointer cmdlinePointer = Memory.allocateDirect(NativeLibC.RUNTIME, cmdline.length);
        cmdlinePointer.put(0, cmdline, 0, cmdline.length);
        KexecFileInput kernel = SealedFile.of("kboot-kernel", load.kernel().contents());
        try {
            Optional<KexecFileInput> initrd = load.initrd().isPresent() ? Optional.of(input(load.initrd().get()))
                    : Optional.empty();
            return new FileLoadInputs(kernel, initrd, cmdlinePointer, cmdline.length);
        } catch (KexecException e) {
            kernel.close();
            throw e;
        }
    }

    /** The initrd's descriptor: its own file opened read-only, or a sealed memory file of the bytes kboot vouches for. */
    private static KexecFileInput input(FileLoad.Initrd initrd) throws KexecException {
        if (initrd instanceof FileLoad.OnDisk onDisk) {
            return DiskFile.open("the initrd", onDisk.file().file());
        }
        return SealedFile.of("kboot-initrd", ((FileLoad.Sealed) initrd).bytes().contents());
    }

    int kernelFd() {
        return kernel.fd();
    }

    /** The initrd's descriptor, or -1 for none. */
    int initrdFd() {
        return initrd.map(KexecFileInput::fd).orElse(-1);
    }

    /** The command line, NUL-terminated; reachable as long as this object is. */
    Pointer cmdline() {
        return cmdline;
    }

    long cmdlineLength() {
        return cmdlineLength;
    }

    @Override
    public void close() {
        initrd.ifPresent(KexecFileInput::close);
        kernel.close();
    }
}
