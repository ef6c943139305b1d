package org.kexec.runtime.spec;

/** What an image file is. */
public enum ImageRole implements Keyword {
    /** A bzImage (EFI-stub PE kernels included). */
    KERNEL("kernel"),
    /** An initial ramdisk, loaded as is. */
    INITRD("initrd");

    private final String keyword;

    ImageRole(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
