package org.kexec.runtime.backend.linux;

import java.nio.charset.Charset;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.kexec.runtime.nativecode.NativeAccess;

/** libc, bound on first use: plans and dry runs never load native code. */
final class NativeLibC {
    static final LibC LIBC = LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, true).failImmediately()
            .load(NativeAccess.LIBC);
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private NativeLibC() {
    }

    /**
     * {@code text} as a NUL-terminated string in native memory, in the JVM's default charset as jnr-ffi would pass a
     * {@code String}, for calls that take a path or a name; the caller keeps the pointer reachable until the call
     * returns.
     */
    static Pointer cString(String text) {
        byte[] bytes = (text + "\0").getBytes(Charset.defaultCharset());
        Pointer pointer = Memory.allocateDirect(RUNTIME, bytes.length);
        pointer.put(0, bytes, 0, bytes.length);
        return pointer;
    }

    /** The errno of the last call made through {@link #LIBC} on this thread. */
    static int errno() {
        return RUNTIME.getLastError();
    }
}
