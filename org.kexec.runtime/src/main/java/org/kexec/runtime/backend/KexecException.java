package org.kexec.runtime.backend;

import org.kexec.runtime.rules.Errno;

/**
 * A kexec call the kernel (or Xen) refused: the call as made, the errno with what it means in this call, what to do
 * about it, and (for loads) the segment table, as kexec-tools prints it on failure.
 */
public class KexecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** A refusal without an errno. */
    public KexecException(String message) {
        this(message, 0);
    }

    /** A refusal with an errno kboot knows, or none (null). */
    public KexecException(String message, Errno errno) {
        this(message, errno == null ? 0 : errno.number());
    }

    /** A refusal with the errno number as the call returned it, known to kboot or not; 0 for none. */
    public KexecException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The errno, or null when there is none or its number is one kboot does not know. */
    public Errno errno() {
        return Errno.of(errno);
    }

    /** The errno's number, known to kboot or not; 0 when the failure had none. */
    public int errnoNumber() {
        return errno;
    }
}
