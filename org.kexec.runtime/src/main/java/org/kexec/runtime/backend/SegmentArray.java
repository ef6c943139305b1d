package org.kexec.runtime.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import org.kexec.runtime.plan.Segment;

/**
 * A plan's segments in native memory: the contiguous struct array and the buffers it points to, kept reachable
 * for as long as this object is, so nothing is freed while the kernel or Xen copies from it.
 */
public final class SegmentArray {
    private final KexecSegmentStruct[] structs;
    private final List<Pointer> buffers = new ArrayList<>();

    /**
     * @param allocate native memory of a given size for a segment's bytes: plain memory for Linux, which copies from
     *                 any user address; hypercall buffers for Xen, which copies only from memory locked for it
     */
    public SegmentArray(Runtime runtime, List<Segment> segments, IntFunction<Pointer> allocate) {
        structs = Struct.arrayOf(runtime, KexecSegmentStruct.class, Math.max(1, segments.size()));
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Pointer buffer = null;
            if (!segment.filler() && segment.bufsz() > 0) {
                buffer = allocate.apply(segment.buf().length);
                buffer.put(0, segment.buf(), 0, segment.buf().length);
                buffers.add(buffer);
            }
            structs[i].buf.set(buffer);
            structs[i].bufsz.set(segment.bufsz());
            structs[i].mem.set(segment.mem());
            structs[i].memsz.set(segment.memsz());
        }
    }

    /** The array's address, to pass where the call takes {@code struct kexec_segment *}. */
    public Pointer first() {
        return Struct.getMemory(structs[0]);
    }

    /** The segments' buffers, in segment order (fillers have none). */
    public List<Pointer> buffers() {
        return List.copyOf(buffers);
    }

    /** Element {@code i}, for layout checks. */
    KexecSegmentStruct get(int i) {
        return structs[i];
    }
}
