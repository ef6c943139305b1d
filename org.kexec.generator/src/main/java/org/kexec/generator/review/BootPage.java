package org.kexec.generator.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.generator.Diagnostic;
import org.kexec.generator.PurgatoryTableListing;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanReport;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.units.Sizes;

/**
 * The review of one boot as a {@link Document}: the resolved settings and where each came from, the command line, what
 * the host decides, the loader's checks, {@code check}'s findings, the loader's plan in the words {@code kbootc plan}
 * prints, the memory map picture and the purgatory table. Rendered as the boot's HTML page and Markdown summary.
 */
final class BootPage {

    private BootPage() {
    }

    static Document of(ReviewedBoot boot) {
        BootSpec spec = boot.spec();
        List<Document.Block> blocks = new ArrayList<>();
        blocks.add(new Document.Prose(spec.kind().keyword() + " boot of " + spec.kernel().path() + " through "
                + spec.target().keyword() + (spec.lockdown() ? " (lockdown)" : "") + " with " + spec.loadMode().keyword()
                + ", declared at " + boot.declaredAt() + ". Verdict: " + verdict(boot.plan()) + "."));

        blocks.add(new Document.Heading("Settings"));
        blocks.add(new Document.Table(List.of("setting", "value", "from"), boot.settings().stream()
                .map(s -> List.of(Document.Cell.prose(s.name()), Document.Cell.value(s.value()), Document.Cell.prose(s.origin())))
                .toList()));

        blocks.add(new Document.Heading("Command line"));
        blocks.add(new Document.Preformatted(boot.plannedCmdline().orElse(spec.cmdline().literal())));
        blocks.add(new Document.Prose(boot.plannedCmdline().isPresent()
                ? "As the planned kernel receives it, with what the loader adds (" + byteCount(boot.plannedCmdline().get()) + ")."
                : "The spec's own parts; the loader adds to them when it plans."));

        if (!boot.hostDecides().isEmpty()) {
            blocks.add(new Document.Heading("What the host decides"));
            blocks.add(new Document.Bullets(boot.hostDecides()));
        }

        blocks.add(new Document.Heading("Checks on the host"));
        blocks.add(new Document.Bullets(HostChecks.of(spec)));

        blocks.add(new Document.Heading("Findings of check"));
        if (boot.findings().isEmpty()) {
            blocks.add(new Document.Prose("None: check reports nothing on this boot, its parents or its images."));
        } else {
            blocks.add(new Document.Bullets(boot.findings().stream().map(Diagnostic::toLine).toList()));
        }

        blocks.add(new Document.Heading(boot.memmap().map(m -> "Plan against " + m.description()).orElse("Plan")));
        plan(blocks, boot);

        if (boot.memmap().isPresent()) {
            blocks.add(new Document.Heading("Memory map"));
            List<Segment> segments = boot.plan().dryRun().flatMap(HostLoader.DryRun::kexecLoad).map(KexecPlan::segments)
                    .orElse(List.of());
            blocks.add(new Document.Picture(MemoryMapPicture.svg(boot.memmap().get().description(), boot.memmap().get().map(),
                    segments), "The memory map picture is on this boot's HTML page, " + spec.name() + ".html."));
        }

        if (spec.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
            blocks.add(new Document.Heading("Purgatory table"));
            Optional<KexecPlan> plan = boot.plan().dryRun().flatMap(HostLoader.DryRun::kexecLoad);
            Optional<PurgatoryTable> planned = plan.flatMap(KexecPlan::purgatoryTable);
            blocks.add(new Document.Preformatted(planned.isPresent()
                    ? PurgatoryTableListing.renderPlanned(spec, plan.get(), planned.get())
                    : PurgatoryTableListing.render(spec, PurgatoryTable.compileTime(spec))));
        }
        return new Document("kboot review: " + spec.name(), blocks);
    }

    /** The verdict in a sentence's words. */
    static String verdict(ReviewedBoot.Plan plan) {
        return plan.dryRun().isPresent() ? "the loader plans it" : plan.refusal().isPresent() ? "the loader refuses it"
                : "not planned";
    }

    private static void plan(List<Document.Block> blocks, ReviewedBoot boot) {
        ReviewedBoot.Plan plan = boot.plan();
        String name = boot.spec().name();
        if (plan.notPlanned().isPresent()) {
            blocks.add(new Document.Prose(plan.notPlanned().get()));
            return;
        }
        if (plan.refusal().isPresent()) {
            blocks.add(new Document.Prose("The loader refuses this boot, as kbootc plan and the loader on a host would:"));
            blocks.add(new Document.Preformatted(plan.refusal().get()));
            return;
        }
        HostLoader.DryRun run = plan.dryRun().orElseThrow();
        if (run.fileLoad().isPresent()) {
            List<String> lines = PlanReport.fileLoad(name, run.fileLoad().get());
            blocks.add(new Document.Prose("kexec_file_load: the kernel places the segments itself; it is handed:"));
            blocks.add(new Document.Preformatted(String.join("\n", lines.subList(1, lines.size()))));
        }
        if (run.kexecLoad().isPresent()) {
            KexecPlan kexec = run.kexecLoad().get();
            blocks.add(new Document.Prose(run.fileLoad().isPresent() ? PlanReport.fallbackHeading()
                    : (kexec.target().keyword().equals("xen") ? "Xen's kexec hypercall" : "kexec_load") + " with "
                    + kexec.segments().size() + " segments:"));
            List<List<Document.Cell>> rows = new ArrayList<>();
            for (int i = 0; i < kexec.segments().size(); i++) {
                Segment s = kexec.segments().get(i);
                rows.add(List.of(Document.Cell.prose(Integer.toString(i)), Document.Cell.prose(s.role()),
                        Document.Cell.value(s.source()), Document.Cell.value(Sizes.hex(s.bufsz())),
                        Document.Cell.value(Sizes.hex(s.mem())), Document.Cell.value(Sizes.hex(s.memsz())),
                        Document.Cell.value(Sizes.hex(s.end())), Document.Cell.prose(MemoryMapPicture.size(s.memsz()))));
            }
            blocks.add(new Document.Table(List.of("#", "role", "source", "bufsz", "mem", "memsz", "end", "size"), rows));
            List<String> lines = PlanReport.table(name, kexec);
            blocks.add(new Document.Preformatted(String.join("\n", lines.subList(2 + kexec.segments().size(), lines.size()))));
        }
    }

    private static String byteCount(String cmdline) {
        int bytes = cmdline.length();
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
