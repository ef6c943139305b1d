/**
 * What a host is and has, apart from system calls: its facts (memory map, crash notes, running command line,
 * boot_params; live or recorded) and its image files, read bounded and once, then accepted against pinned digests,
 * required signatures and the kernel rules.
 *
 * <p>Depends on {@code image}, {@code memory}, {@code plan}, {@code rules}, {@code spec} and {@code verify}; never
 * on {@code backend} or {@code loader}, and never on Xtext, EMF or Guice.
 */
package org.kexec.runtime.host;
