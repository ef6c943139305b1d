/**
 * The {@code BootSpec} model: one fully resolved boot, the seam between the language (which produces it) and the
 * generator and loader (which consume it), with its canonical JSON form. Plain immutable data.
 *
 * <p>Must never depend on Xtext, EMF or Guice: hosts run this package with nothing but a JRE.
 */
package org.kexec.runtime.spec;
