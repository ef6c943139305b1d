package org.kexec.runtime.plan;

import java.nio.ByteBuffer;
import org.kexec.runtime.units.Sizes;

/**
 * One {@code struct kexec_segment}: {@code buf} copied to physical {@code mem}, the rest of {@code memsz} zeroed.
 * A segment without a buffer ({@code buf} null, bufsz 0) is one of Xen's low-memory fillers: mapped, not written.
 *
 * @param role   what it holds: {@code kernel}, {@code initrd NAME}, {@code boot_params}, {@code purgatory}, …
 * @param source where the bytes come from, for people: a file name, "built", "zero"
 * @param buf    the bytes to copy, from position 0 to the limit: on the heap, or in native memory for a host's initrds;
 *               shared: read through {@link ByteBuffer#duplicate()}, never changed; null for a filler
 * @param mem    physical destination
 * @param memsz  bytes reserved at the destination
 */
public record Segment(String role, String source, ByteBuffer buf, long mem, long memsz) {

    /** The role of kboot's purgatory, whose table holds the digest of the other segments. */
    public static final String PURGATORY = "purgatory";

    /** A segment carrying bytes from the heap. */
    public static Segment of(String role, String source, byte[] buf, long mem, long memsz) {
        return new Segment(role, source, ByteBuffer.wrap(buf), mem, memsz);
    }

    /** Bytes copied from the buffer. */
    public long bufsz() {
        return buf == null ? 0 : buf.limit();
    }

    /** A copy of the buffer's bytes, for what reads them as an array (reports, tests); empty for a filler. */
    public byte[] bytes() {
        byte[] bytes = new byte[(int) bufsz()];
        if (buf != null) {
            buf.duplicate().get(bytes);
        }
        return bytes;
    }

    /** First byte past the segment. */
    public long end() {
        return mem + memsz;
    }

    /** True for kboot's purgatory. */
    public boolean purgatory() {
        return role.equals(PURGATORY);
    }

    /** True for a segment without a buffer. */
    public boolean filler() {
        return buf == null;
    }

    @Override
    public String toString() {
        return role + " at " + Sizes.hex(mem) + "-" + Sizes.hex(end());
    }
}
