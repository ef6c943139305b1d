package org.kexec.runtime.backend.linux;

import java.util.Optional;
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

    private FileLoadInputs(KexecFileInput kernel, Optional<KexecFileInput> initrd, Pointer cmdline) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.cmdline = cmdline;
    }

    static FileLoadInputs open(FileLoad load) throws KexecException {
        // The plan let through only a printable-ASCII command line (CommandLineRules): one byte per character.
        Pointer cmdline = NativeLibC.cString(load.cmdline());
        KexecFileInput kernel = SealedFile.of("kboot-kernel", load.kernel().contents());
        try {
            Optional<KexecFileInput> initrd = load.initrd().isPresent() ? Optional.of(input(load.initrd().get()))
                    : Optional.empty();
            return new FileLoadInputs(kernel, initrd, cmdline);
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

    /** The command line's length with its NUL, as kexec_file_load counts it. */
    long cmdlineLength() {
        return cmdline.size();
    }

    @Override
    public void close() {
        initrd.ifPresent(KexecFileInput::close);
        kernel.close();
    }
}
