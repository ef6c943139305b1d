package org.kexec.runtime.backend.xen;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;

/**
 * The libxenctrl functions kexec needs (tools/include/xenctrl.h, tools/libs/ctrl/xc_kexec.c). Each returns -1 and
 * sets errno when the hypercall fails. Public only because jnr-ffi implements it in a class loader of its own.
 */
public interface XenCtrl {
    Pointer xc_interface_open(Pointer logger, Pointer dombuildLogger, int openFlags);

    int xc_interface_close(Pointer xch);

    @SaveError
    int xc_kexec_load(Pointer xch, byte type, short arch, long entryMaddr, int segmentCount, Pointer segments);

    @SaveError
    int xc_kexec_unload(Pointer xch, int type);

    @SaveError
    int xc_kexec_status(Pointer xch, int type);

    @SaveError
    int xc_kexec_exec(Pointer xch, int type);

    @SaveError
    int xc_kexec_get_range(Pointer xch, int range, int nr, Pointer size, Pointer start);

    @SaveError
    int xc_get_machine_memory_map(Pointer xch, Pointer entries, int maxEntries);
}
