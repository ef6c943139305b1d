package org.kexec.runtime.backend.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The two libc entry points kexec needs: raw syscall(2) for kexec_load, and reboot(2). Public only because
 * jnr-ffi implements it in a class loader of its own; nothing outside this package uses it.
 */
public interface LibC {
    /** syscall(SYS_kexec_load, entry, nr_segments, segments, flags). */
    @SaveError
    long syscall(long number, long entry, long segmentCount, Pointer segments, long flags);

    /** glibc's reboot(howto), which passes the magic numbers itself. */
    @SaveError
    int reboot(int command);
}
