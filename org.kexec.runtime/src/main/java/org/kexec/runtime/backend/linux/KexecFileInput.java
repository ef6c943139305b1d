package org.kexec.runtime.backend.linux;

/** A descriptor kexec_file_load reads an image from, closed after the call. */
interface KexecFileInput extends AutoCloseable {

    /** The read-only descriptor to pass to the kernel. */
    int fd();

    @Override
    void close();
}
