/**
 * The one rule set: every rule that both the language's validator and the loader apply to a boot (kernel image
 * acceptance, command line, and the identity, errno and words of every violation), each written once here with the
 * source it comes from. The validator renders violations at spec positions; {@code kbootc plan} and the loader
 * refuse with the same words.
 *
 * <p>Pure Java; depends on {@code image}, {@code units} and nothing else of kboot; never on Xtext, EMF or Guice.
 */
package org.kexec.runtime.rules;
