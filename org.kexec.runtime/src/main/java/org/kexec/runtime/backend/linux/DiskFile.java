package org.kexec.runtime.backend.linux;

import java.lang.ref.Reference;
import java.nio.file.Path;
import jnr.ffi.Pointer;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.rules.Errno;

/**
 * An image file opened read-only, which kexec_file_load reads as it is on disk: for images kboot vouches for none
 * of the bytes of, where a sealed copy would cost a copy and keep integrity policies (IMA) from appraising the file.
 */
final class DiskFile implements KexecFileInput {

    private final int fd;

    private DiskFile(int fd) {
        this.fd = fd;
    }

    /** Opens {@code file} read-only; {@code what} names it in the error ("the initrd"). */
    static DiskFile open(String what, Path file) throws KexecException {
        Pointer path = NativeLibC.cString(file.toString());
        int fd = NativeLibC.LIBC.open(path, SealedFile.O_RDONLY | SealedFile.O_CLOEXEC);
        Reference.reachabilityFence(path);
        if (fd < 0) {
            int errno = NativeLibC.errno();
            throw new KexecException("cannot open " + what + " " + file + " for kexec_file_load: " + Errno.describe(errno)
                    + "; it was read a moment before: was it removed or replaced?", errno);
        }
        return new DiskFile(fd);
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public void close() {
        NativeLibC.LIBC.close(fd);
    }
}
