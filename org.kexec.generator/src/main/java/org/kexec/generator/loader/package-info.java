/**
 * The generated host loader: Java source that builds one boot against the runtime's API, compiled and packed into
 * a runnable jar beside the runtime jar it runs on.
 */
package org.kexec.generator.loader;
