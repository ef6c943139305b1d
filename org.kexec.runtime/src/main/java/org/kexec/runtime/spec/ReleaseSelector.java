package org.kexec.runtime.spec;

/**
 * Which installed kernel a kernel image takes, chosen on the host when the boot is loaded, so a spec survives kernel
 * updates: the release its path's {@code {release}} takes, or the Boot Loader Spec's default entry.
 */
public enum ReleaseSelector implements Keyword {
    /** The release the host runs now ({@code uname -r}). */
    RUNNING("running"),
    /** The highest release installed, in the host's package manager's version order. */
    NEWEST("newest"),
    /** The kernel, initrds and options of the Boot Loader Spec Type #1 default entry ({@code entry default}). */
    DEFAULT_ENTRY("default entry");

    private final String keyword;

    ReleaseSelector(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
