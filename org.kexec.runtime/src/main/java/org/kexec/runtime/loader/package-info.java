/**
 * The loader that runs on hosts: reads a boot's images once, verifies and plans them against the host, and hands
 * the result to the backend of the system it runs on; its command line is what generated loaders run.
 */
package org.kexec.runtime.loader;
