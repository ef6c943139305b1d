/**
 * The kboot Maven plugin: goals that run kbootc's check, compile and review on a project's specs inside the build, so
 * a Maven build fails on the same errors, with the same lines, as {@code kbootc} on the command line.
 */
package org.kexec.maven;
