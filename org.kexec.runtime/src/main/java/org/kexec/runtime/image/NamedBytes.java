package org.kexec.runtime.image;

/**
 * A file's name (for tables and errors) and its bytes, read once.
 *
 * @param name  the path as the spec or the user wrote it, or the names of concatenated files
 * @param bytes the contents; shared, not copied: callers must not change them
 */
public record NamedBytes(String name, byte[] bytes) {
}
