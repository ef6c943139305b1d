/**
 * Verification of what is about to be loaded: pinned digests now, signatures next. Works on the bytes read once,
 * which are the bytes loaded. Pure Java; never depends on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.verify;
