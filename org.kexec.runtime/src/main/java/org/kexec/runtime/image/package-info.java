/**
 * Image formats as value types parsed from bytes: the x86 boot protocol's setup header of bzImage kernels, the PE/COFF
 * headers of EFI-stub kernels and Unified Kernel Images, ELF vmlinux files and the payloads they come compressed in,
 * boot_params and its e820 table, the PVH start-info block, the built-in probe images. Parse errors name the field
 * that is wrong; whether kboot boots an image is {@code rules.KernelRules}' question.
 *
 * <p>Pure Java with no I/O of its own beyond the bundled resources, except zstd payloads, which the host's libzstd
 * decompresses; depends on {@code memory} (e820 entries from memory ranges), {@code nativecode} (libzstd) and
 * {@code units}, never on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.image;
