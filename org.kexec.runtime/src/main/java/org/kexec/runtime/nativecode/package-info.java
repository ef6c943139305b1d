/**
 * Native code outside the kexec backends: jnr-ffi made to work without a writable temp folder ({@link
 * org.kexec.runtime.nativecode.NativeAccess}), and the host libraries kboot binds besides the kernel's and Xen's calls
 * (libzstd, which reads zstd kernel payloads). The backends and the image reader use it.
 *
 * <p>Depends on nothing of kboot's.
 */
package org.kexec.runtime.nativecode;
