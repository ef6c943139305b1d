/**
 * Image formats as value types parsed from bytes: the x86 boot protocol's setup header of bzImage kernels.
 * Errors name the field that is wrong.
 *
 * <p>Pure Java with no I/O of its own; never depends on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.image;
