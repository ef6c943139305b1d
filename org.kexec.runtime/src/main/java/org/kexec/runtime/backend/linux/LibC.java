package org.kexec.runtime.backend.linux;

import jnr.ffi.annotations.SaveError;

/**
 * The libc entry points kexec needs: raw syscall(2) (glibc wraps neither kexec_load nor kexec_file_load), reboot(2),
 * and the file calls that seal a verified image into a memfd. Public only because jnr-ffi implements it in a class
 * loader of its own; nothing outside this package uses it.
 */
public interface LibC {
    /** syscall(number, a1..a5): every argument as a 64-bit integer, pointers as addresses. */
    @SaveError
    long syscall(long number, long a1, long a2, long a3, long a4, long a5);

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
