/**
 * Image formats as value types parsed from bytes: the x86 boot protocol's setup header of bzImage kernels, the PE/COFF
 * headers of EFI-stub kernels, boot_params and its e820 table, payload compression, the built-in probe image. Parse
 * errors name the field that is wrong; whether kboot boots an image is {@code rules.KernelRules}' question.
 *
 * <p>Pure Java with no I/O of its own beyond the bundled resources; depends on {@code memory} (e820 entries from
 * memory ranges) and {@code units}, never on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.image;
