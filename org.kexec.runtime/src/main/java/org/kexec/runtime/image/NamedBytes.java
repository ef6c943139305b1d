package org.kexec.runtime.image;

import java.nio.ByteBuffer;

/**
 * A file's name (for tables and errors) and its contents, read once. Kernels are on the heap, where kboot parses them;
 * a host loader reads initrds into native memory, which kexec_load copies from where it is, so a large initrd is
 * held once, not twice.
 *
 * @param name     the path as the spec or the user wrote it, or the names of concatenated files
 * @param contents the bytes from position 0 to the limit; shared, not copied: read them through
 *                 {@link ByteBuffer#duplicate()} and never change them
 */
public record NamedBytes(String name, ByteBuffer contents) {

    /** Bytes on the heap. */
    public static NamedBytes of(String name, byte[] bytes) {
        return new NamedBytes(name, ByteBuffer.wrap(bytes));
    }

    /** How many bytes. */
    public int size() {
        return contents.limit();
    }
}
