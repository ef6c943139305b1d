package org.kexec.runtime.backend.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The libc entry points kexec needs: raw syscall(2) (glibc wraps neither kexec_load nor kexec_file_load), reboot(2),
 * and the file calls that seal a verified image into a memfd. Public only because jnr-ffi implements it in a class
 * loader of its own; nothing outside this package uses it.
 */
public interface LibC {
    // One overload per call shape: jnr-ffi 2.3.4 crashes the JVM on a call with six 64-bit integer arguments, so
    // pointers stay pointers and descriptors ints.

    /** syscall(SYS_kexec_load, entry, nr_segments, segments, flags). */
    @SaveError
    long syscall(long number, long entry, long segmentCount, Pointer segments, long flags);

    /** syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, cmdline_len, cmdline, flags). */
    @SaveError
    long syscall(long number, int kernelFd, int initrdFd, long cmdlineLength, Pointer cmdline, long flags);

    /** syscall(SYS_memfd_create, name, flags). */
    @SaveError
    long syscall(long number, Pointer name, int flags);

    /** glibc's reboot(howto), which passes the magic numbers itself. */
    @SaveError
    int reboot(int command);

    @SaveError
    int fcntl(int fd, int command, int argument);

    @SaveError
    int open(String path, int flags);

    @SaveError
    int close(int fd);
}
