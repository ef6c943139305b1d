package org.kexec.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled examples' review pages and summaries are exactly the files kept in {@code expected-review/}, reviewed
 * against a recorded host root ({@link ReviewRun#hostRoot}); after an intended change the test leaves the new outputs
 * in {@code target/review-actual/} to copy over. Every Markdown output is CommonMark whose tables are whole.
 */
class ReviewExamplesTest {

    private static final Path EXPECTED = ReviewRun.EXAMPLES.resolve("expected-review");
    private static final Path ACTUAL = ReviewRun.EXAMPLES.resolve("target/review-actual");

    @TempDir
    static Path temporary;

    private static Path out;

    @BeforeAll
    static void review() throws Exception {
        Path root = ReviewRun.hostRoot(temporary.resolve("root"));
        out = temporary.resolve("review");
        ReviewRun.Result result = ReviewRun.review(ReviewRun.EXAMPLES, out, root);
        assertEquals(0, result.status(), result.output());
        assertEquals("kbootc: reviewed 8 boots into " + out + "\n", result.output());
    }

    @Test
    void pagesMatchTheExpectedFiles() throws IOException {
        List<Path> produced = ReviewRun.files(out);
        List<String> different = new ArrayList<>();
        for (Path file : produced) {
            Path expected = EXPECTED.resolve(file);
            if (!Files.exists(expected) || !Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(out.resolve(file)))) {
                different.add(file.toString());
            }
        }
        if (!different.isEmpty() || !produced.equals(Files.exists(EXPECTED) ? ReviewRun.files(EXPECTED) : List.of())) {
            for (Path file : produced) {
                Files.createDirectories(ACTUAL.resolve(file).getParent());
                Files.copy(out.resolve(file), ACTUAL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            fail("review outputs differ from expected-review/ (" + different + "); the new ones are in " + ACTUAL);
        }
        assertEquals(17, produced.size(), "an HTML page and a summary per boot, and the index");
    }

    @Test
    void everySummaryIsCommonMarkWithWholeTables() throws IOException {
        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
        for (Path file : ReviewRun.files(out).stream().filter(f -> f.toString().endsWith(".md")).toList()) {
            Node document = parser.parse(Files.readString(out.resolve(file)));
            List<TableBlock> tables = new ArrayList<>();
            List<String> html = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(CustomBlock block) {
                    if (block instanceof TableBlock table) {
                        tables.add(table);
                    }
                    visitChildren(block);
                }

                @Override
                public void visit(HtmlInline inline) {
                    html.add(inline.getLiteral());
                }

                @Override
                public void visit(HtmlBlock block) {
                    html.add(block.getLiteral());
                }
            });
            assertEquals(List.of(), html, file + " holds no HTML");
            assertEquals(expectedTables(file.toString()), tables.size(), file + ": tables");
            for (TableBlock table : tables) {
                List<Integer> widths = new ArrayList<>();
                for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
                    for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                        int cells = 0;
                        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                            cells += cell instanceof TableCell ? 1 : 0;
                        }
                        widths.add(row instanceof TableRow ? cells : -1);
                    }
                }
                assertEquals(1, widths.stream().distinct().count(), file + ": every row as wide as the header " + widths);
            }
        }
    }

    /** The index has one table; a page, its settings and, where kexec_load was planned, its segments. */
    private static int expectedTables(String file) {
        return switch (file) {
            case "index.md", "fleet.secure.secure_reboot.md" -> 1;
            default -> 2;
        };
    }
}
