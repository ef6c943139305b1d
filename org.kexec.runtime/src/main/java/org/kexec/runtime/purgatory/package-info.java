/**
 * kboot's own purgatory: the fully linked, relocation-free blob the loader copies into memory, and the data table
 * it reads. Pure Java; never depends on the language, Xtext, EMF or Guice.
 */
package org.kexec.runtime.purgatory;
