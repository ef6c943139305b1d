package org.kexec.runtime.spec;

/** What the loaded kernel is for. */
public enum BootKind implements Keyword {
    /** Booted by an explicit kexec reboot. */
    DEFAULT("default"),
    /** Armed for kdump: booted by the kernel (or Xen) when it panics. */
    CRASH("crash");

    private final String keyword;

    BootKind(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
