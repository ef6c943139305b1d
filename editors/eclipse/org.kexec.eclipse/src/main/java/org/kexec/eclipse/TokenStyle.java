package org.kexec.eclipse;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.custom.StyleRange;

/**
 * The colours of {@code .kboot} text, by TextMate scope (from the grammar) and by semantic token type (from the
 * server, which knows what a name is): Eclipse's own palette for keywords, strings, comments and constants.
 */
enum TokenStyle {
    KEYWORD(new RGB(127, 0, 85), SWT.BOLD),
    COMMENT(new RGB(63, 127, 95), SWT.NORMAL),
    STRING(new RGB(42, 0, 255), SWT.NORMAL),
    NUMBER(new RGB(0, 112, 112), SWT.NORMAL),
    CONSTANT(new RGB(0, 0, 192), SWT.ITALIC),
    REGISTER(new RGB(0, 0, 192), SWT.NORMAL),
    DECLARED_NAME(new RGB(0, 0, 0), SWT.BOLD),
    /** A name that refers to a declaration: only the server can tell it from other words. */
    REFERENCE(new RGB(0, 80, 160), SWT.NORMAL);

    private final RGB rgb;
    private final int fontStyle;

    TokenStyle(RGB rgb, int fontStyle) {
        this.rgb = rgb;
        this.fontStyle = fontStyle;
    }

    StyleRange range(int offset, int length) {
        StyleRange range = new StyleRange(offset, length, new Color(rgb), null);
        range.fontStyle = fontStyle;
        return range;
    }

    /** The style of a TextMate scope name, or null for text left plain (punctuation). */
    static TokenStyle ofScope(String scope) {
        if (scope.startsWith("keyword")) {
            return KEYWORD;
        } else if (scope.startsWith("comment")) {
            return COMMENT;
        } else if (scope.startsWith("string") || scope.startsWith("constant.character")) {
            return STRING;
        } else if (scope.startsWith("constant.numeric")) {
            return NUMBER;
        } else if (scope.startsWith("constant") || scope.startsWith("variable.language")) {
            return CONSTANT;
        } else if (scope.startsWith("variable")) {
            return REGISTER;
        } else if (scope.startsWith("entity.name")) {
            return DECLARED_NAME;
        }
        return null;
    }

    /** The style of a semantic token type of the server's legend, or null for types it does not colour. */
    static TokenStyle ofSemanticType(String type) {
        return switch (type) {
            case "class", "namespace" -> DECLARED_NAME;
            case "type" -> REFERENCE;
            case "property", "variable" -> REGISTER;
            case "enumMember" -> CONSTANT;
            case "keyword" -> KEYWORD;
            default -> null;
        };
    }
}
