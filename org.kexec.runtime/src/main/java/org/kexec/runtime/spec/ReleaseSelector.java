package org.kexec.runtime.spec;

/**
 * Which installed kernel a kernel image whose path names {@code {release}} takes, chosen on the host when the boot is
 * loaded, so a spec survives kernel updates.
 */
public enum ReleaseSelector implements Keyword {
    /** The release the host runs now ({@code uname -r}). */
    RUNNING("running"),
    /** The highest release installed, in the host's package manager's version order. */
    NEWEST("newest");

    private final String keyword;

    ReleaseSelector(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
