package org.kexec.runtime.backend.linux;

import jnr.ffi.Pointer;

/**
 * The libc entry points kexec needs: raw syscall(2) (glibc wraps neither kexec_load nor kexec_file_load), reboot(2),
 * and the file calls that seal a verified image into a memfd. Public only because jnr-ffi implements it in a class
 * loader of its own; nothing outside this package uses it. Every call saves errno ({@link NativeLibC} binds it with
 * {@code LibraryOption.SaveError}). No annotations and no {@code String} parameters: jnr-ffi generates a proxy class
 * for every annotation type it reads on a binding or its converters, which no class-data archive can hold (binding
 * this interface made 11 such classes with them, 3 without).
 */
public interface LibC {
    // One overload per call shape: jnr-ffi 2.3.4 crashes the JVM on a call with six 64-bit integer arguments, so
    // pointers stay pointers and descriptors ints.

    /** syscall(SYS_kexec_load, entry, nr_segments, segments, flags). */
    long syscall(long number, long entry, long segmentCount, Pointer segments, long flags);

    /** syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, cmdline_len, cmdline, flags). */
    long syscall(long number, int kernelFd, int initrdFd, long cmdlineLength, Pointer cmdline, long flags);

    /** syscall(SYS_memfd_create, name, flags). */
    long syscall(long number, Pointer name, int flags);

    /** glibc's reboot(howto), which passes the magic numbers itself. */
    int reboot(int command);

    int fcntl(int fd, int command, int argument);

    /** open(path, flags), path a NUL-terminated string ({@link NativeLibC#cString}). */
    int open(Pointer path, int flags);

    int close(int fd);
}
