package org.kexec.generator.review;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kexec.generator.GeneratedFile;

/**
 * The files {@code kbootc review} writes, as pure functions of the reviewed boots: per boot a self-contained HTML page
 * ({@code <boot>.html}) and its Markdown summary ({@code <boot>.md}), an index of all boots ({@code index.md}), and,
 * against a base, the comparison comment ({@code comparison.md}).
 */
public final class ReviewOutputs {

    /** The comparison comment's file name. */
    public static final String COMPARISON = "comparison.md";

    private ReviewOutputs() {
    }

    /** The pages and summaries of {@code boots}, and their index. */
    public static List<GeneratedFile> pages(List<ReviewedBoot> boots) {
        List<GeneratedFile> files = new ArrayList<>();
        for (ReviewedBoot boot : boots) {
            Document page = BootPage.of(boot);
            files.add(file(boot.spec().name() + ".html", HtmlRenderer.render(page)));
            files.add(file(boot.spec().name() + ".md", MarkdownRenderer.render(page)));
        }
        files.add(file("index.md", MarkdownRenderer.render(index(boots))));
        return files;
    }

    /** The Markdown comment that compares a base's boots with the change's, ready to post on a pull request. */
    public static GeneratedFile comparison(List<BootComparison> comparisons) {
        return file(COMPARISON, MarkdownRenderer.render(ComparisonComment.of(comparisons)));
    }

    private static Document index(List<ReviewedBoot> boots) {
        List<List<Document.Cell>> rows = new ArrayList<>();
        for (ReviewedBoot boot : boots) {
            rows.add(List.of(Document.Cell.value(boot.spec().name()), Document.Cell.prose(boot.spec().kind().keyword()),
                    Document.Cell.prose(boot.spec().target().keyword() + (boot.spec().lockdown() ? " lockdown" : "")),
                    Document.Cell.prose(boot.spec().loadMode().keyword()), Document.Cell.prose(boot.plan().verdict()),
                    Document.Cell.prose(Integer.toString(boot.findings().size())),
                    Document.Cell.value(boot.spec().name() + ".html")));
        }
        return new Document("kboot review: " + boots.size() + (boots.size() == 1 ? " boot" : " boots"), List.of(
                new Document.Table(List.of("boot", "kind", "target", "load", "plan", "findings", "page"), rows)));
    }

    private static GeneratedFile file(String path, String text) {
        return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
