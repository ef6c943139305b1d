package org.kexec.runtime.backend.xen;

import jnr.ffi.Pointer;

/**
 * libxencall's buffer functions (tools/include/xencall.h): memory locked for hypercalls, from which Xen copies a
 * kexec segment's bytes, as kexec-tools hands them over. Public only because jnr-ffi implements it in a class loader
 * of its own.
 */
public interface XenCall {
    Pointer xencall_open(Pointer logger, int openFlags);

    int xencall_close(Pointer xcall);

    Pointer xencall_alloc_buffer(Pointer xcall, long size);

    void xencall_free_buffer(Pointer xcall, Pointer buffer);
}
