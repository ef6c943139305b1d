/**
 * Backends that hand a final plan to the kernel or to Xen, and a dry-run backend that hands nothing. Only this
 * package calls the kernel and Xen (jnr-ffi, made available by {@code nativecode}); everything below it is pure and
 * testable without root. What a host is
 * comes from {@code host.HostFacts}, except under Xen, whose facts only libxenctrl knows ({@code XenHostFacts}).
 *
 * <p>Depends on {@code host}, {@code memory}, {@code nativecode}, {@code plan}, {@code rules}, {@code spec} and
 * {@code units}; never on
 * {@code loader}, nor on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.backend;
