package org.kexec.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.plan.Segment;

/** The native segment array kexec_load and Xen's kexec hypercall read: layout and contents, byte for byte. */
class SegmentArrayTest {

    @Test
    void kexecSegmentHasTheKernelsLayout() {
        KexecSegmentStruct segment = new KexecSegmentStruct(Runtime.getSystemRuntime());
        assertEquals(32, Struct.size(segment));
        assertEquals(0, segment.buf.offset());
        assertEquals(8, segment.bufsz.offset());
        assertEquals(16, segment.mem.offset());
        assertEquals(24, segment.memsz.offset());
    }

    @Test
    void theArrayIsContiguousAndPointsAtCopiesOfTheBuffers() {
        Runtime runtime = Runtime.getSystemRuntime();
        byte[] kernel = {1, 2, 3, 4, 5};
        SegmentArray array = new SegmentArray(runtime, List.of(
                new Segment("Xen low-memory filler", "none", null, 0, 0x100000),
                Segment.of("kernel", "vmlinuz", kernel, 0x1000000, 0x2000)), size -> Memory.allocateDirect(runtime, size));
        Pointer first = runtime.getMemoryManager().newPointer(array.first().address());
        assertEquals(0, first.getLong(0), "a filler has no buffer");
        assertEquals(0, first.getLong(8));
        assertEquals(0, first.getLong(16));
        assertEquals(0x100000, first.getLong(24));
        Pointer buffer = first.getPointer(32);
        byte[] copied = new byte[kernel.length];
        buffer.get(0, copied, 0, copied.length);
        assertEquals(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5), List.of(copied[0], copied[1], copied[2], copied[3], copied[4]));
        assertEquals(5, first.getLong(40));
        assertEquals(0x1000000, first.getLong(48));
        assertEquals(0x2000, first.getLong(56));
        assertEquals(Struct.getMemory(array.get(1)).address(), first.address() + 32);
    }
}
