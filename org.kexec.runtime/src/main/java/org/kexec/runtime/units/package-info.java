/**
 * Units shared by the language and the runtime: parsing and printing sizes and addresses, alignment arithmetic.
 * Depends on nothing.
 */
package org.kexec.runtime.units;
