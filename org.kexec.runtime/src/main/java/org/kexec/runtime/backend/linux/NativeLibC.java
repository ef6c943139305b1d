package org.kexec.runtime.backend.linux;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import org.kexec.runtime.nativecode.NativeAccess;

/** libc, bound on first use: plans and dry runs never load native code. */
final class NativeLibC {
    static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load(NativeAccess.LIBC);
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private NativeLibC() {
    }

    /** The errno of the last call made through {@link #LIBC} on this thread. */
    static int errno() {
        return RUNTIME.getLastError();
    }
}
