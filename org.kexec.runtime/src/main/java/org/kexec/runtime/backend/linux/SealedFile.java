package org.kexec.runtime.backend.linux;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import jnr.ffi.Pointer;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.rules.Errno;

/**
 * Bytes kboot has verified, in an anonymous memory file (memfd) sealed against any change, open read-only: what
 * kexec_file_load receives instead of the image's path. The kernel reads exactly the bytes kboot hashed and checked,
 * whatever happens to the file on disk after it was read. Read-only because the kernel refuses a file that is open
 * for writing anywhere (deny_write_access in kernel_read_file: ETXTBSY).
 */
final class SealedFile implements KexecFileInput {

    static final long SYS_MEMFD_CREATE = 319;
    static final int MFD_CLOEXEC = 0x1;
    static final int MFD_ALLOW_SEALING = 0x2;
    static final int F_ADD_SEALS = 1033;
    static final int F_GET_SEALS = 1034;
    static final int F_GETFL = 3;
    /** F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE: no one can change the contents or the seals. */
    static final int ALL_SEALS = 0x1 | 0x2 | 0x4 | 0x8;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    private static final int WRITE_SLICE = 1 << 20;

    private final int fd;

    private SealedFile(int fd) {
        this.fd = fd;
    }

    /**
     * A sealed read-only memfd named {@code name} (as /proc/PID/fd shows it) holding {@code contents} from position 0
     * to the limit.
     */
    static SealedFile of(String name, ByteBuffer contents) throws KexecException {
        Pointer namePointer = NativeLibC.cString(name);
        int writable = (int) NativeLibC.LIBC.syscall(SYS_MEMFD_CREATE, namePointer, MFD_CLOEXEC | MFD_ALLOW_SEALING);
        Reference.reachabilityFence(namePointer);
        if (writable < 0) {
            throw failure("memfd_create(\"" + name + "\")", NativeLibC.errno());
        }
        try {
            Path self = Path.of("/proc/self/fd/" + writable);
            try (FileChannel channel = FileChannel.open(self, StandardOpenOption.WRITE)) {
                // A MiB at a time: Java writes from the heap through a native buffer as large as each write.
                ByteBuffer content = contents.duplicate();
                int size = content.limit();
                while (content.position() < size) {
                    channel.write(content.limit(Math.min(size, content.position() + WRITE_SLICE)));
                }
            } catch (IOException e) {
                throw new KexecException("cannot copy " + name + " into a memory file: " + e.getMessage(), null);
            }
            if (NativeLibC.LIBC.fcntl(writable, F_ADD_SEALS, ALL_SEALS) != 0) {
                throw failure("fcntl(F_ADD_SEALS) on " + name, NativeLibC.errno());
            }
            Pointer selfPath = NativeLibC.cString(self.toString());
            int readOnly = NativeLibC.LIBC.open(selfPath, O_RDONLY | O_CLOEXEC);
            Reference.reachabilityFence(selfPath);
            if (readOnly < 0) {
                throw failure("open(" + self + ", O_RDONLY)", NativeLibC.errno());
            }
            return new SealedFile(readOnly);
        } finally {
            NativeLibC.LIBC.close(writable);
        }
    }

    private static KexecException failure(String call, int errno) {
        return new KexecException(call + " failed: " + Errno.describe(errno)
                + "; kboot needs memfd sealing (Linux 3.17 or later) for kexec_file_load.", errno);
    }

    @Override
    public int fd() {
        return fd;
    }

    /** The seals on the file (F_GET_SEALS), for checks. */
    int seals() {
        return NativeLibC.LIBC.fcntl(fd, F_GET_SEALS, 0);
    }

    /** The file's open flags (F_GETFL), for checks. */
    int openFlags() {
        return NativeLibC.LIBC.fcntl(fd, F_GETFL, 0);
    }

    @Override
    public void close() {
        NativeLibC.LIBC.close(fd);
    }
}
