package org.kexec.runtime.spec;

/** The ELF class of the core header a crash kernel reads /proc/vmcore from. */
public enum CoreFormat implements Keyword {
    ELF64("elf64"),
    /** Cannot describe memory above 4 GiB. */
    ELF32("elf32");

    private final String keyword;

    CoreFormat(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
