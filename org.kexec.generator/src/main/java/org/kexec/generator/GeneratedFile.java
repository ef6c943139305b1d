package org.kexec.generator;

/**
 * One output of the generator: a path relative to the output folder, its bytes, and whether it is a program.
 *
 * @param path       relative path with '/' separators, e.g. {@code fleet.reboot/boot.json}
 * @param contents   the file's bytes
 * @param executable written with execute permission (a launcher script)
 */
public record GeneratedFile(String path, byte[] contents, boolean executable) {

    /** A file that is not a program. */
    public GeneratedFile(String path, byte[] contents) {
        this(path, contents, false);
    }
}
