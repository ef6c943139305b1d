package org.kexec.generator;

import org.eclipse.xtext.diagnostics.Severity;

/**
 * One problem in a spec, where a person or a tool can find it: what {@code kbootc check} prints and review pages list.
 *
 * @param file   the spec as the user named it (relative paths stay relative)
 * @param line   1-based line
 * @param column 1-based column
 * @param code   the issue code, e.g. {@code org.kexec.dsl.tooManySegments}
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message, String code) {

    /** {@code file:line:col: error: message [code]}, the format compilers use and editors jump to. */
    public String toLine() {
        return file + ":" + line + ":" + column + ": " + severityWord() + ": " + message + (code == null ? "" : " [" + code + "]");
    }

    public String severityWord() {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "info";
        };
    }
}
