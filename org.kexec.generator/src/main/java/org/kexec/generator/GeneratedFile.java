package org.kexec.generator;

/**
 * One output of the generator: a path relative to the output folder, and its bytes.
 *
 * @param path     relative path with '/' separators, e.g. {@code fleet.reboot/boot.json}
 * @param contents the file's bytes
 */
public record GeneratedFile(String path, byte[] contents) {
}
