package org.kexec.runtime.purgatory;

/**
 * A fully linked, position-independent purgatory: one segment the loader copies anywhere page-aligned.
 *
 * @param blob           the segment's bytes (code, data, the table)
 * @param memsz          bytes it occupies once loaded (the blob, its bss and stack), page aligned
 * @param entryOffset    where execution starts, from the segment's start
 * @param stackTopOffset top of its stack, from the segment's start
 */
public record PurgatoryImage(byte[] blob, long memsz, long entryOffset, long stackTopOffset) {

    public PurgatoryImage {
        if (memsz < blob.length || entryOffset >= blob.length || stackTopOffset > memsz) {
            throw new IllegalArgumentException("inconsistent purgatory: " + blob.length + " bytes, memsz " + memsz
                    + ", entry " + entryOffset + ", stack top " + stackTopOffset);
        }
    }
}
