package org.kexec.generator.review;

import java.util.List;

/**
 * A review output before it is HTML or Markdown: a title and blocks. Review pages, summaries and comparison comments
 * are built once as documents, so the HTML page and the Markdown summary of a boot cannot say different things.
 *
 * @param title  the page's title and first heading
 * @param blocks the content, in order
 */
record Document(String title, List<Block> blocks) {

    Document {
        blocks = List.copyOf(blocks);
    }

    /** One block of a document. */
    sealed interface Block permits Heading, Prose, Bullets, Table, Preformatted, Picture {
    }

    /** A section heading. */
    record Heading(String text) implements Block {
    }

    /** A paragraph of prose. */
    record Prose(String text) implements Block {
    }

    /** A bulleted list of prose items. */
    record Bullets(List<String> items) implements Block {
        Bullets {
            items = List.copyOf(items);
        }
    }

    /** A table whose cells are prose or values. */
    record Table(List<String> header, List<List<Cell>> rows) implements Block {
        Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A table cell: prose, or a value shown verbatim (a path, an address, a command line). */
    record Cell(String text, boolean value) {

        static Cell prose(String text) {
            return new Cell(text, false);
        }

        static Cell value(String text) {
            return new Cell(text, true);
        }
    }

    /** Text shown verbatim in a monospaced block (a command line, a table listing). */
    record Preformatted(String text) implements Block {
    }

    /** An SVG picture; Markdown, which cannot hold it, says where to see it. */
    record Picture(String svg, String alternative) implements Block {
    }
}
