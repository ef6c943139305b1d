package org.kexec.runtime.memory;

/** A memory map text that cannot be read; the message names the source and line. */
public class MemoryMapFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public MemoryMapFormatException(String message) {
        super(message);
    }
}
