package org.kexec.runtime.backend;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import jnr.ffi.Memory;
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
     * For Linux, which copies from any user address: a segment already in native memory (a host's initrd) is pointed
     * at where it is, the others are copied into plain memory.
     */
    public static SegmentArray inPlace(Runtime runtime, List<Segment> segments) {
        return new SegmentArray(runtime, segments, true, size -> Memory.allocateDirect(runtime, size));
    }

    /**
     * For Xen, which copies only from memory locked for it: every segment copied into a buffer from {@code allocate}
     * (hypercall buffers).
     */
    public static SegmentArray copied(Runtime runtime, List<Segment> segments, IntFunction<Pointer> allocate) {
        return new SegmentArray(runtime, segments, false, allocate);
    }

    private SegmentArray(Runtime runtime, List<Segment> segments, boolean inPlace, IntFunction<Pointer> allocate) {
        structs = Struct.arrayOf(runtime, KexecSegmentStruct.class, Math.max(1, segments.size()));
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Pointer buffer = null;
            if (!segment.filler() && segment.bufsz() > 0) {
                if (inPlace && segment.buf().isDirect()) {
                    buffer = Pointer.wrap(runtime, segment.buf().duplicate());
                } else {
                    buffer = allocate.apply((int) segment.bufsz());
                    ByteBuffer from = segment.buf().duplicate();
                    if (from.hasArray()) {
                        buffer.put(0, from.array(), from.arrayOffset(), from.limit());
                    } else {
                        buffer.transferFrom(0, Pointer.wrap(runtime, from), 0, from.limit());
                    }
                }
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
