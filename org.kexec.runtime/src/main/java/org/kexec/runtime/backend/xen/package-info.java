/**
 * Xen's kexec hypercall from a PV dom0, through libxenctrl (bound by jnr-ffi at run time, by soname): Xen holds the
 * loaded images, places them in machine memory and executes them; Linux in dom0 is not involved.
 */
package org.kexec.runtime.backend.xen;
