package org.kexec.generator.review;

import java.util.ArrayList;
import java.util.List;

/**
 * The pull-request comment of a comparison as a {@link Document}: a count of boots added, removed and changed, the
 * risky changes first and flagged, a table of every boot, then per changed boot what changed and what it does to the
 * plan.
 */
final class ComparisonComment {

    private ComparisonComment() {
    }

    static Document of(List<BootComparison> comparisons) {
        List<BootComparison> touched = comparisons.stream().filter(c -> !c.status().equals("unchanged")).toList();
        long risky = comparisons.stream().filter(BootComparison::risky).count();
        List<Document.Block> blocks = new ArrayList<>();
        blocks.add(new Document.Prose(count(comparisons, "added") + " added, " + count(comparisons, "removed") + " removed, "
                + count(comparisons, "changed") + " changed, " + count(comparisons, "unchanged") + " unchanged. "
                + (risky == 0 ? "No risky change." : "RISKY: " + risky + (risky == 1
                ? " boot has a change that weakens its security or stops it from loading."
                : " boots have changes that weaken their security or stop them from loading."))));
        if (risky > 0) {
            List<String> risks = new ArrayList<>();
            comparisons.stream().filter(BootComparison::risky)
                    .forEach(c -> c.risks().forEach(risk -> risks.add("RISKY " + c.name() + ": " + risk)));
            blocks.add(new Document.Bullets(risks));
        }
        if (!touched.isEmpty()) {
            List<List<Document.Cell>> rows = new ArrayList<>();
            for (BootComparison comparison : touched) {
                rows.add(List.of(Document.Cell.value(comparison.name()), Document.Cell.prose(comparison.status()),
                        Document.Cell.prose(comparison.risky() ? "risky" : ""),
                        Document.Cell.prose(comparison.before().map(b -> b.plan().verdict()).orElse("")),
                        Document.Cell.prose(comparison.after().map(b -> b.plan().verdict()).orElse(""))));
            }
            blocks.add(new Document.Table(List.of("boot", "status", "risk", "plan before", "plan now"), rows));
        }
        for (BootComparison comparison : touched) {
            blocks.add(new Document.Heading(comparison.name() + " (" + comparison.status() + ")"));
            List<String> items = new ArrayList<>();
            comparison.risks().forEach(risk -> items.add("RISKY: " + risk));
            items.addAll(comparison.changes());
            comparison.after().filter(boot -> comparison.before().isEmpty()).ifPresent(boot -> items.add("New "
                    + boot.spec().kind().keyword() + " boot of " + boot.spec().kernel().path() + " through "
                    + boot.spec().target().keyword() + " with " + boot.spec().loadMode().keyword() + "; plan: "
                    + boot.plan().verdict() + "."));
            comparison.before().filter(boot -> comparison.after().isEmpty())
                    .ifPresent(boot -> items.add("No longer built: hosts keep what they loaded until they load another boot."));
            if (!items.isEmpty()) {
                blocks.add(new Document.Bullets(items));
            }
        }
        return new Document("kboot review: what this change does to the boots", blocks);
    }

    private static long count(List<BootComparison> comparisons, String status) {
        return comparisons.stream().filter(c -> c.status().equals(status)).count();
    }
}
