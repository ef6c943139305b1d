package org.kexec.runtime.verify;

/** An image whose bytes do not have the digest its spec pins; names the file and both digests. */
public class DigestMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public DigestMismatchException(String message) {
        super(message);
    }
}
