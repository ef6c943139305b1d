package org.kexec.runtime.verify;

/** A signature that does not verify, or none at all; the message says which and why. */
public class SignatureVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignatureVerificationException(String message) {
        super(message);
    }
}
