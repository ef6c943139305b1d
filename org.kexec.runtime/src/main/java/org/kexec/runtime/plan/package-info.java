/**
 * Planning a boot: the kexec_load segment plan through kboot's purgatory (placement, the ELF core header, the purgatory
 * table, and the kernel's and Xen's segment rules), the kexec_file_load request, and which of the two a load makes.
 *
 * <p>Pure Java; depends on {@code image}, {@code memory}, {@code purgatory}, {@code rules}, {@code spec},
 * {@code units} and {@code verify} (which feeds its digests); never on {@code host}, {@code backend} or
 * {@code loader}, nor on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.plan;
