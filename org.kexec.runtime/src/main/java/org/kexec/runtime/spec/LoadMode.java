package org.kexec.runtime.spec;

/** How the kernel receives the image. */
public enum LoadMode implements Keyword {
    /** kboot places every segment itself and boots through its own purgatory. */
    KEXEC_LOAD("kexec_load"),
    /** The kernel parses, places and verifies the image with its own SHA-256 purgatory. */
    KEXEC_FILE_LOAD("kexec_file_load"),
    /**
     * kexec_file_load first, then kexec_load when the kernel lacks kexec_file_load or rejects the image format
     * (ENOSYS, ENOEXEC, EINVAL); never after a permission or signature refusal, which are policy, not format.
     */
    AUTO("auto");

    private final String keyword;

    LoadMode(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
