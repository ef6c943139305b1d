package org.kexec.runtime.image;

import java.nio.file.Path;

/**
 * An image file kboot checked (it is a regular file of a size kboot takes, and opens for reading) but does not read:
 * the initrd kexec_file_load is handed as its file on disk, which the kernel reads itself.
 *
 * @param name the path as the spec wrote it
 * @param file where it is on this host
 * @param size its size when it was checked
 */
public record NamedFile(String name, Path file, long size) {
}
