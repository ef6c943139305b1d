/**
 * Review outputs: per boot an HTML page with an SVG memory map and a Markdown summary, and the comparison of a change
 * with its base as a pull-request comment. Pure functions of {@link org.kexec.generator.review.ReviewedBoot}, which
 * {@code kbootc review} gathers from the specs and the loader's own dry run; depends on the runtime, never on Xtext.
 */
package org.kexec.generator.review;
