package org.kexec.runtime.backend;

import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * {@code struct kexec_segment} of include/uapi/linux/kexec.h, LP64: buf, bufsz, mem (a physical address held in a
 * pointer), memsz; 32 bytes. Xen's {@code xen_kexec_segment_t} (public/kexec.h: a 64-bit guest handle, buf_size,
 * dest_maddr, dest_size) has the same four 64-bit words, so both backends hand over the same {@link SegmentArray}.
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
