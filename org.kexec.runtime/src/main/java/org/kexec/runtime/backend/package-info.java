/**
 * Backends that hand a final plan to the kernel or to Xen. Only this package touches the kernel; everything above
 * it is pure and testable without root.
 */
package org.kexec.runtime.backend;
