package org.kexec.generator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.generator.Diagnostic;
import org.kexec.generator.review.ReviewedBoot;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryMapSource;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.ReleaseSelector;
import org.kexec.runtime.spec.Target;

/**
 * Gathers what the review of a boot shows ({@link ReviewedBoot}): its settings with their origins, {@code check}'s
 * findings on it, and the loader's own dry run ({@link HostLoader#recorded}) against the boot's memory map, with
 * images read as {@code kbootc plan} reads them. Nothing of the reviewing machine enters: {@code reuse running} plans
 * with the command line given, or none.
 */
final class BootReviewer {

    /** Where and with what the boots are planned. */
    record Options(Optional<String> memmap, Optional<Path> root, Optional<String> runningCmdline,
                   Optional<String> runningRelease) {
    }

    private final SpecWorkspace workspace;
    private final List<Diagnostic> diagnostics;
    private final BootSpecConverter converter;
    private final Options options;

    BootReviewer(SpecWorkspace workspace, List<Diagnostic> diagnostics, BootSpecConverter converter, Options options) {
        this.workspace = workspace;
        this.diagnostics = diagnostics;
        this.converter = converter;
        this.options = options;
    }

    /** Every boot of the workspace, reviewed, in file order. */
    List<ReviewedBoot> reviewAll() {
        return workspace.boots().stream().map(this::review).toList();
    }

    ReviewedBoot review(Boot boot) {
        BootSpec spec = converter.convert(boot);
        Path folder = workspace.folderOf(boot);
        List<String> hostDecides = new ArrayList<>();
        String running = options.runningCmdline().orElse("");
        if (spec.cmdline().reuseRunning()) {
            hostDecides.add("reuse running: the host's /proc/cmdline comes first" + (spec.cmdline().dropped().isEmpty() ? ""
                    : " (without " + String.join(", ", spec.cmdline().dropped()) + ")") + "; this review planned with "
                    + (options.runningCmdline().isPresent() ? "the command line given (--running-cmdline)" : "none"
                    + " (--running-cmdline TEXT plans with one)") + ".");
        }
        if (spec.kernel().chosenOnHost()) {
            hostDecides.add(hostChosenKernel(spec));
        }
        if (options.root().isEmpty() && spec.kernel().path().startsWith("/")) {
            hostDecides.add("The images are the host's files; this review read them on the reviewing machine"
                    + " (--root DIR reads a host's copy instead).");
        }
        Optional<ReviewedBoot.Memmap> memmap;
        ReviewedBoot.Plan plan;
        Optional<String> source = options.memmap().or(() -> spec.placement().memmap().map(m -> m.profile() ? m.name()
                : folder.resolve(m.name()).toString()));
        if (source.isEmpty() && spec.loadMode() == LoadMode.KEXEC_FILE_LOAD) {
            // The kernel places kexec_file_load's segments: the plan needs no memory map.
            memmap = Optional.empty();
            plan = plan(spec, folder, new MemoryMap(List.of(), List.of()), running);
        } else if (source.isEmpty()) {
            memmap = Optional.empty();
            plan = ReviewedBoot.Plan.notPlanned("This boot names no memory map to plan against: write placement { memmap"
                    + " profile \"qemu-1g\" } or memmap file, or review with --memmap PROFILE|FILE.");
        } else {
            String description = describe(spec);
            try {
                MemoryMap map = MemoryMapSource.recorded(source.get());
                memmap = Optional.of(new ReviewedBoot.Memmap(description, map));
                plan = plan(spec, folder, map, running);
            } catch (IOException | MemoryMapFormatException e) {
                memmap = Optional.empty();
                plan = ReviewedBoot.Plan.notPlanned("Cannot read the memory map " + description + ": " + e.getMessage());
            }
            hostDecides.add(spec.target() == Target.XEN
                    ? "On a host the loader plans against Xen's machine memory map and crash region; this review used "
                    + description + "."
                    : "On a host the loader plans against the host's own memory map; this review used " + description + ".");
        }
        return new ReviewedBoot(spec, workspace.relativeName(boot) + ":" + line(boot),
                BootSettings.of(boot, spec, workspace::relativeName), hostDecides, findings(boot), memmap, plan);
    }

    /** What the host decides about a kernel it chooses, and what this review chose instead. */
    private String hostChosenKernel(BootSpec spec) {
        ReleaseSelector selector = spec.kernel().release().orElse(ReleaseSelector.RUNNING);
        return switch (selector) {
            case RUNNING -> "The host chooses the kernel: " + spec.kernel().path() + " with the release it runs; this review"
                    + " planned with " + options.runningRelease().map(r -> "the release given, " + r)
                    .orElse("no running release (--running-release TEXT gives one)") + ".";
            case NEWEST -> "The host chooses the kernel: the newest installed " + spec.kernel().path() + "; this review chose"
                    + " among the kernels it found.";
            case DEFAULT_ENTRY -> "The host chooses the kernel: its Boot Loader Spec default entry; this review read the entries"
                    + " it found.";
        };
    }

    private ReviewedBoot.Plan plan(BootSpec spec, Path folder, MemoryMap map, String running) {
        HostLoader loader = HostLoader.recorded(spec, new HostFiles(folder, options.root()), map, running,
                options.runningRelease(), new PrintWriter(new StringWriter()));
        try {
            return ReviewedBoot.Plan.planned(loader.dryRun());
        } catch (HostLoader.LoadException e) {
            return ReviewedBoot.Plan.refused(e.getMessage());
        }
    }

    /** How the review names the memory map: {@code profile qemu-1g}, or the file as the spec or --memmap names it. */
    private String describe(BootSpec spec) {
        if (options.memmap().isPresent()) {
            return "--memmap " + options.memmap().get();
        }
        PlacementSpec.MemmapSource source = spec.placement().memmap().orElseThrow();
        return (source.profile() ? "profile " : "file ") + source.name();
    }

    /** Check's findings on the boot, the boots it extends, its images and their trust anchors. */
    private List<Diagnostic> findings(Boot boot) {
        Set<EObject> declarations = new LinkedHashSet<>();
        EffectiveBoot effective = EffectiveBoot.of(boot);
        declarations.addAll(effective.chain());
        List<Image> images = new ArrayList<>();
        effective.kernel().ifPresent(images::add);
        images.addAll(effective.initrds());
        for (Image image : images) {
            declarations.add(image);
            declarations.addAll(image.getAnchors());
        }
        Set<Diagnostic> found = new LinkedHashSet<>();
        for (EObject declaration : declarations) {
            if (!declaration.eIsProxy()) {
                found.addAll(workspace.diagnosticsIn(declaration, diagnostics));
            }
        }
        return found.stream().sorted(Comparator.comparing(Diagnostic::file)
                .thenComparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column)).toList();
    }

    private static int line(EObject object) {
        return Optional.ofNullable(NodeModelUtils.getNode(object)).map(INode::getStartLine).orElse(1);
    }
}
