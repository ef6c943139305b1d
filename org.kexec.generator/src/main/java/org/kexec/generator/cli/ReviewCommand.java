package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.generator.Diagnostic;
import org.kexec.generator.GeneratedFile;
import org.kexec.generator.OutputWriter;
import org.kexec.generator.review.BootComparison;
import org.kexec.generator.review.ReviewOutputs;
import org.kexec.generator.review.ReviewedBoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbootc review}: per boot a self-contained HTML page and a Markdown summary for code review, and with
 * {@code --base} a Markdown comment on what a change does to the boots, with risky changes flagged.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Writes per boot OUT/<boot>.html (a self-contained page: settings and where each came from, the"
                + " command line, the loader's checks, check's findings, the loader's plan, an SVG memory map and the"
                + " purgatory table) and OUT/<boot>.md (the same as Markdown), with OUT/index.md. With --base, also"
                + " OUT/comparison.md: boots added, removed and changed, what each change does to the plan, and risky"
                + " changes flagged. Plans are the loader's own dry runs, as kbootc plan makes them. Nothing is written"
                + " when a spec has errors.",
        footer = {"", "Examples:", "  kbootc review examples -o review", "  kbootc review fleet/ -o review --base origin/main --fail-on risky",
            "  kbootc review fleet/ -o review --root /srv/images/host1 --running-cmdline \"$(cat host1.cmdline)\""})
final class ReviewCommand extends SpecCommand implements Callable<Integer> {

    /** When the exit status says that a comparison found something. */
    enum FailOn { NEVER, RISKY, CHANGE }

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder.")
    private Path output;

    @Option(names = "--base", paramLabel = "REV|DIR",
            description = "Compare with the specs at a git revision of their repository, or in a folder of old specs.")
    private String base;

    @Option(names = "--fail-on", paramLabel = "never|risky|change",
            description = "Exit status 1 when the comparison finds a risky change, or any change (default: ${DEFAULT-VALUE}).")
    private FailOn failOn = FailOn.NEVER;

    @Option(names = "--memmap", paramLabel = "PROFILE|FILE", description = "Plan against this memory map instead of each boot's.")
    private String memmap;

    @Option(names = "--root", paramLabel = "DIR", description = "Take absolute image paths under DIR (a host's root file system).")
    private Path root;

    @Option(names = "--running-cmdline", paramLabel = "TEXT",
            description = "The command line 'reuse running' takes; default: none (the reviewing machine's is no host's).")
    private String runningCmdline;

    @Option(names = "--running-release", paramLabel = "TEXT",
            description = "The kernel release 'release running' takes; default: none (the reviewing machine's is no host's).")
    private String runningRelease;

    @Override
    public Integer call() throws UsageException {
        if (base == null && failOn != FailOn.NEVER) {
            throw new UsageException("--fail-on needs --base: it judges a comparison");
        }
        List<Path> files = SpecWorkspace.collect(inputs);
        Optional<List<ReviewedBoot>> reviewed = review(inputs, files.size(), true);
        if (reviewed.isEmpty()) {
            return Kbootc.ExitCodes.FINDINGS;
        }
        List<GeneratedFile> generated = new ArrayList<>(ReviewOutputs.pages(reviewed.get()));
        List<BootComparison> comparisons = List.of();
        if (base != null) {
            try (BaseSpecs baseSpecs = BaseSpecs.of(base, inputs)) {
                List<ReviewedBoot> before = List.of();
                if (!baseSpecs.inputs().isEmpty()) {
                    Optional<List<ReviewedBoot>> old = review(baseSpecs.inputs(), SpecWorkspace.collect(baseSpecs.inputs()).size(), false);
                    if (old.isEmpty()) {
                        err().println("kbootc: the base " + base + " has errors; its boots are compared as absent");
                    }
                    before = old.orElse(List.of());
                }
                comparisons = BootComparison.compare(before, reviewed.get());
                generated.add(ReviewOutputs.comparison(comparisons));
            }
        }
        try {
            OutputWriter.write(output, generated);
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
        err().println("kbootc: reviewed " + reviewed.get().size() + " boot" + (reviewed.get().size() == 1 ? "" : "s")
                + " into " + output);
        if (base != null) {
            out().print(new String(ReviewOutputs.comparison(comparisons).contents(), StandardCharsets.UTF_8));
            long risky = comparisons.stream().filter(BootComparison::risky).count();
            boolean changed = comparisons.stream().anyMatch(c -> !c.status().equals("unchanged"));
            if (failOn == FailOn.RISKY && risky > 0 || failOn == FailOn.CHANGE && changed) {
                err().println("kbootc: " + (failOn == FailOn.RISKY ? risky + " risky boot" + (risky == 1 ? "" : "s")
                        : "the change changes boots") + " (--fail-on " + failOn.name().toLowerCase(java.util.Locale.ROOT) + ")");
                return Kbootc.ExitCodes.FINDINGS;
            }
        }
        return Kbootc.ExitCodes.OK;
    }

    /** The reviewed boots of {@code specs}, or empty when they have errors (printed for the change, not for a base). */
    private Optional<List<ReviewedBoot>> review(List<Path> specs, int fileCount, boolean report) throws UsageException {
        SpecWorkspace workspace = SpecWorkspace.open(kbootc().injector(), specs, Optional.empty());
        List<Diagnostic> diagnostics = workspace.validate();
        if (DiagnosticReport.hasErrors(diagnostics)) {
            if (report) {
                DiagnosticReport.print(diagnostics, DiagnosticReport.Format.TEXT, out());
                err().println("kbootc: " + DiagnosticReport.summary(diagnostics, fileCount) + "; nothing written");
            }
            return Optional.empty();
        }
        // The pages list check's findings on the files the plans read: with --root, the host's (check --root), whose
        // refusals are the plans' own and so no reason to write nothing.
        List<Diagnostic> findings = root == null ? diagnostics
                : SpecWorkspace.open(kbootc().injector(), specs, Optional.of(root)).validate();
        BootReviewer reviewer = new BootReviewer(workspace, findings, kbootc().injector().getInstance(BootSpecConverter.class),
                new BootReviewer.Options(Optional.ofNullable(memmap), Optional.ofNullable(root), Optional.ofNullable(runningCmdline),
                        Optional.ofNullable(runningRelease)));
        return Optional.of(reviewer.reviewAll());
    }
}
