/**
 * Verification of what is about to be loaded: pinned digests, and Authenticode signatures of EFI-stub kernels against
 * X.509 trust anchors (BouncyCastle). Works on the bytes read once, which are the bytes loaded.
 *
 * <p>Pure Java; depends on {@code image}, {@code spec} and {@code units}; never on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.verify;
