/**
 * The loader that runs on hosts: accepts a boot's images once, plans every path its load may take against the
 * host's facts, and hands the result to the backend of the system it runs on; its command line is what generated
 * loaders and {@code kbootc plan|load|reboot|exec|unload|status} run. The dry run and the load share every step up to the
 * backend call.
 *
 * <p>The top of the runtime: may depend on every other package; never on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.loader;
