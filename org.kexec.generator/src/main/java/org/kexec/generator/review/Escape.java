package org.kexec.generator.review;

/**
 * Makes text from a spec (paths, command lines, names) inert where review outputs show it: in HTML and SVG every
 * character with a meaning in markup becomes a character reference. In Markdown, prose is backslash-escaped where an
 * inline construct could start (emphasis, code, links, inline HTML, entities, table cells, strikethrough), and values
 * are code spans, which CommonMark shows verbatim; line breaks become spaces, since every use is one line.
 */
final class Escape {

    private Escape() {
    }

    /** Text for HTML and SVG content and quoted attribute values. */
    static String html(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Characters that can start an inline Markdown construct or end a table cell. */
    private static final String MARKDOWN_SPECIAL = "\\`*_[]<>&|~#";

    /** Prose for a Markdown paragraph, list item or table cell. */
    static String markdown(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        if (!text.isEmpty() && "-+=".indexOf(text.charAt(0)) >= 0) {
            // A list item or setext underline where a line starts.
            escaped.append('\\');
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                escaped.append(' ');
            } else {
                if (MARKDOWN_SPECIAL.indexOf(c) >= 0) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * A value as a Markdown code span: delimited by one backtick more than its longest run of backticks, padded with
     * spaces where it starts or ends with a backtick or a space (CommonMark strips one space from each side).
     */
    static String code(String text) {
        return code(text, false);
    }

    /** A value as a code span in a GFM table cell, where {@code |} is escaped (GFM removes the backslash again). */
    static String cellCode(String text) {
        return code(text, true);
    }

    private static String code(String text, boolean cell) {
        String value = text.replace('\n', ' ').replace('\r', ' ');
        String fence = "`".repeat(longestBacktickRun(value) + 1);
        boolean pad = value.isEmpty() || value.startsWith("`") || value.endsWith("`") || value.startsWith(" ") || value.endsWith(" ");
        String padding = pad ? " " : "";
        return fence + padding + (cell ? value.replace("|", "\\|") : value) + padding + fence;
    }

    /** The longest run of backticks in {@code text}: a code span's or fenced block's delimiter must be longer. */
    static int longestBacktickRun(String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
