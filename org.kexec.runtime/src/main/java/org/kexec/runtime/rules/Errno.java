package org.kexec.runtime.rules;

/** The errnos kexec_load, kexec_file_load, reboot and Xen's kexec hypercall return, with what each means there. */
public enum Errno {
    EPERM(1, "operation not permitted"),
    ENOENT(2, "no such file or directory"),
    ENOEXEC(8, "exec format error"),
    ENOMEM(12, "cannot allocate memory"),
    EACCES(13, "permission denied"),
    EFAULT(14, "bad address"),
    EBUSY(16, "device or resource busy"),
    EINVAL(22, "invalid argument"),
    ENOSYS(38, "function not implemented"),
    ENODATA(61, "no data available"),
    EBADMSG(74, "bad message"),
    EOPNOTSUPP(95, "operation not supported"),
    EADDRNOTAVAIL(99, "cannot assign requested address"),
    ENOKEY(126, "required key not available"),
    EKEYREJECTED(129, "key was rejected by service");

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    /** strerror's wording. */
    public String description() {
        return description;
    }

    /** The errno with this number, or null. */
    public static Errno of(int number) {
        for (Errno errno : values()) {
            if (errno.number == number) {
                return errno;
            }
        }
        return null;
    }

    /** How refusals name an errno: {@code EPERM (operation not permitted)}, or {@code errno 4242} for one kboot does not know. */
    public static String describe(int number) {
        Errno errno = of(number);
        return errno == null ? "errno " + number : errno.name() + " (" + errno.description() + ")";
    }
}
