package org.kexec.runtime.spec;

/** Where the loader looks for free RAM for segments without a fixed address. */
public enum PlacementPolicy implements Keyword {
    /** Highest suitable addresses first, as the kernel's kexec_file_load does. */
    TOP_DOWN("top-down"),
    /** Lowest suitable addresses first. */
    BOTTOM_UP("bottom-up");

    private final String keyword;

    PlacementPolicy(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
