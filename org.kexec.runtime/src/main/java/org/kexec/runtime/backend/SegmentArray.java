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
    private static final int COPY_CHUNK = 1 << 20;
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
                    copy(segment.buf().duplicate(), buffer);
                }
                buffers.add(buffer);
            }
            structs[i].buf.set(buffer);
            structs[i].bufsz.set(segment.bufsz());
            structs[i].mem.set(segment.mem());
            structs[i].memsz.set(segment.memsz());
        }
    }

    /**
     * Copies a buffer's bytes to native memory: a MiB at a time through an array for a buffer in native memory (jnr-ffi
     * would copy between two such a byte at a time).
     */
    private static void copy(ByteBuffer from, Pointer to) {
        if (from.hasArray()) {
            to.put(0, from.array(), from.arrayOffset(), from.limit());
            return;
        }
        byte[] chunk = new byte[Math.min(COPY_CHUNK, from.limit())];
        for (int at = 0; at < from.limit(); at += chunk.length) {
            int length = Math.min(chunk.length, from.limit() - at);
            from.get(chunk, 0, length);
            to.put(at, chunk, 0, length);
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
