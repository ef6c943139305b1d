package org.kexec.runtime.backend;

import org.kexec.runtime.plan.Errno;

/**
 * A kexec call the kernel (or Xen) refused: the call as made, the errno with what it means in this call, what to do
 * about it, and (for loads) the segment table, as kexec-tools prints it on failure.
 */
public class KexecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public KexecException(String message, Errno errno) {
        super(message);
        this.errno = errno;
    }

    /** The errno, or null when the errno number is one kboot does not know. */
    public Errno errno() {
        return errno;
    }
}
