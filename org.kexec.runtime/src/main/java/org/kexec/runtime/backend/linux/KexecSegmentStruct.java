package org.kexec.runtime.backend.linux;

import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * {@code struct kexec_segment} of include/uapi/linux/kexec.h, LP64: buf, bufsz, mem (a physical address held in a
 * pointer), memsz; 32 bytes.
 */
public final class KexecSegmentStruct extends Struct {
    final Pointer buf = new Pointer();
    final size_t bufsz = new size_t();
    final UnsignedLong mem = new UnsignedLong();
    final size_t memsz = new size_t();

    /** Public: jnr-ffi creates the elements of struct arrays reflectively. */
    public KexecSegmentStruct(Runtime runtime) {
        super(runtime);
    }
}
