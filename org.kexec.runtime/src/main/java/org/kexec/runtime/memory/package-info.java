/**
 * Physical memory maps: ranges, crash regions, readers for {@code /proc/iomem} (with twins that take a file or a
 * reader, so tests feed recorded text) and the bundled profiles for dry runs.
 *
 * <p>Pure Java; never depends on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.memory;
