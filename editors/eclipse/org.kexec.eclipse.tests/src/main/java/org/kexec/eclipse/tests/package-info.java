/**
 * A scenario that drives a real Eclipse workbench through kboot's editor and writes what it saw, line by line,
 * for {@code EclipseWorkbenchIT} to assert: markers, annotations, colours, folds, outline, completion, hover,
 * definition, a fix typed as key presses and the time until its marker goes, formatting, and screenshots.
 */
package org.kexec.eclipse.tests;
