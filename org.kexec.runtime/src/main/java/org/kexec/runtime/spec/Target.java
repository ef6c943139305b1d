package org.kexec.runtime.spec;

/** The system that performs the kexec: Linux itself, or the Xen hypervisor under a PV dom0. */
public enum Target implements Keyword {
    /** Linux's kexec_load or kexec_file_load system calls. */
    LINUX("linux"),
    /** Xen's kexec hypercall (KEXEC_CMD_kexec_load), issued from dom0. */
    XEN("xen");

    private final String keyword;

    Target(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }
}
