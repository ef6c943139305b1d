/**
 * The generator: renders the outputs of validated boots (pure functions from {@code BootSpec} to files) and writes
 * them atomically. Also home of {@code kbootc}, the command line in {@code org.kexec.generator.cli}.
 */
package org.kexec.generator;
