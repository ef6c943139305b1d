/**
 * Segment planning: the kernel's and Xen's limits, and what a load consists of.
 *
 * <p>Pure Java; never depends on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.plan;
