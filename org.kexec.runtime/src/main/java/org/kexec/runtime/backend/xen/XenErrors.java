package org.kexec.runtime.backend.xen;

import org.kexec.runtime.rules.Errno;

/** What an errno from Xen's kexec hypercall means (xen/common/kexec.c, kimage.c), and the fix. */
final class XenErrors {

    private XenErrors() {
    }

    static String loadMeaning(Errno errno) {
        if (errno == null) {
            return "an errno Xen's kexec hypercall is not documented to return.";
        }
        return switch (errno) {
            case EPERM -> "Xen refused the hypercall: only dom0 (or a domain XSM allows) may kexec; run as root in dom0.";
            case EINVAL -> "Xen refused the segment list: at most 15 segments, none overlapping, buf_size within"
                    + " dest_size, or (crash loads) the entry outside Xen's crash region: compare the table below with"
                    + " Xen's crashkernel= and memory map.";
            case EADDRNOTAVAIL -> "a segment is not page aligned or (crash loads) lies outside the crash region Xen"
                    + " reserved: check crashkernel= on Xen's command line (not dom0's).";
            case ENOMEM -> "Xen could not allocate the pages to stage the image.";
            case EBUSY -> "another kexec operation is in progress in Xen: try again.";
            case EOPNOTSUPP, ENOSYS -> "this Xen was built without CONFIG_KEXEC or does not know the command.";
            default -> errno.description() + ".";
        };
    }
}
