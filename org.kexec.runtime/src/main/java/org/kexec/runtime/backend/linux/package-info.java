/**
 * Linux's kexec system calls through jnr-ffi: a small package-private binding of libc, loaded once on first use.
 */
package org.kexec.runtime.backend.linux;
