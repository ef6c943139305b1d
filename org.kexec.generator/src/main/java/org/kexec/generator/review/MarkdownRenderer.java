package org.kexec.generator.review;

import java.util.List;

/**
 * Renders a {@link Document} as GitHub-flavoured Markdown (CommonMark with tables), for pull-request comments and
 * job summaries: prose escaped, values as code spans, command lines and listings in fenced blocks.
 */
final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    /** The document with its title as the first heading. */
    static String render(Document document) {
        return "## " + Escape.markdown(document.title()) + "\n\n" + body(document);
    }

    /** The document's blocks only, for documents embedded in a larger one. */
    static String body(Document document) {
        StringBuilder markdown = new StringBuilder();
        for (Document.Block block : document.blocks()) {
            if (block instanceof Document.Heading heading) {
                markdown.append("### ").append(Escape.markdown(heading.text())).append("\n\n");
            } else if (block instanceof Document.Prose prose) {
                markdown.append(Escape.markdown(prose.text())).append("\n\n");
            } else if (block instanceof Document.Bullets bullets) {
                bullets.items().forEach(item -> markdown.append("- ").append(Escape.markdown(item)).append('\n'));
                markdown.append('\n');
            } else if (block instanceof Document.Table table) {
                table(markdown, table);
            } else if (block instanceof Document.Preformatted pre) {
                markdown.append(fenced(pre.text())).append('\n');
            } else if (block instanceof Document.Picture picture) {
                markdown.append(Escape.markdown(picture.alternative())).append("\n\n");
            }
        }
        return markdown.toString();
    }

    private static void table(StringBuilder markdown, Document.Table table) {
        markdown.append('|');
        table.header().forEach(name -> markdown.append(' ').append(Escape.markdown(name)).append(" |"));
        markdown.append("\n|");
        table.header().forEach(name -> markdown.append("---|"));
        markdown.append('\n');
        for (List<Document.Cell> row : table.rows()) {
            markdown.append('|');
            for (Document.Cell cell : row) {
                markdown.append(' ').append(cell.value() ? Escape.cellCode(cell.text()) : Escape.markdown(cell.text())).append(" |");
            }
            markdown.append('\n');
        }
        markdown.append('\n');
    }

    /** A fenced code block whose fence is longer than any run of backticks in the text. */
    static String fenced(String text) {
        String fence = "`".repeat(Math.max(3, Escape.longestBacktickRun(text) + 1));
        return fence + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
