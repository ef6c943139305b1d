package org.kexec.runtime.image;

/** An image that is not what it claims to be; says which field is wrong and why. */
public class ImageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ImageFormatException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The header field (or structure) that is wrong, e.g. {@code boot_flag}. */
    public String field() {
        return field;
    }
}
