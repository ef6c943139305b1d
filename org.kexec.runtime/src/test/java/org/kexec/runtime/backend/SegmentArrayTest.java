package org.kexec.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
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
        SegmentArray array = SegmentArray.copied(runtime, List.of(
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

    /** Linux copies from any address: an initrd read into native memory is handed over where it is, not copied again. */
    @Test
    void inPlacePointsAtNativeBuffersAndCopiesHeapOnes() {
        Runtime runtime = Runtime.getSystemRuntime();
        ByteBuffer initrd = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();
        SegmentArray array = SegmentArray.inPlace(runtime, List.of(
                Segment.of("kernel", "vmlinuz", new byte[] {1, 2}, 0x1000000, 0x2000),
                new Segment("initrd", "initrd.img", initrd, 0x2000000, 0x1000)));
        Pointer first = runtime.getMemoryManager().newPointer(array.first().address());
        assertEquals(Pointer.wrap(runtime, initrd).address(), first.getLong(32), "the initrd's own memory");
        assertEquals(3, first.getLong(40));
        assertNotEquals(0, first.getLong(0));
        assertEquals(List.of((byte) 1, (byte) 2), List.of(first.getPointer(0).getByte(0), first.getPointer(0).getByte(1)));
    }

    /** Xen copies only from hypercall buffers: a segment in native memory is copied into one like the others. */
    @Test
    void copiedCopiesNativeBuffersToo() {
        Runtime runtime = Runtime.getSystemRuntime();
        ByteBuffer initrd = ByteBuffer.allocateDirect(3).put(new byte[] {7, 8, 9}).flip();
        SegmentArray array = SegmentArray.copied(runtime, List.of(new Segment("initrd", "initrd.img", initrd, 0x2000000, 0x1000)),
                size -> Memory.allocateDirect(runtime, size));
        Pointer first = runtime.getMemoryManager().newPointer(array.first().address());
        assertNotEquals(Pointer.wrap(runtime, initrd).address(), first.getLong(0));
        byte[] copied = new byte[3];
        first.getPointer(0).get(0, copied, 0, 3);
        assertEquals(List.of((byte) 7, (byte) 8, (byte) 9), List.of(copied[0], copied[1], copied[2]));
    }

    /** A native buffer of several MiB reaches Xen's buffer whole and exact. */
    @Test
    void copiedCopiesLargeNativeBuffersWhole() {
        Runtime runtime = Runtime.getSystemRuntime();
        byte[] bytes = new byte[(5 << 19) + 3];
        new java.util.Random(19).nextBytes(bytes);
        ByteBuffer initrd = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        SegmentArray array = SegmentArray.copied(runtime, List.of(new Segment("initrd", "initrd.img", initrd, 0x2000000, 0x400000)),
                size -> Memory.allocateDirect(runtime, size));
        byte[] copied = new byte[bytes.length];
        runtime.getMemoryManager().newPointer(array.first().address()).getPointer(0).get(0, copied, 0, copied.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, copied);
    }
}
