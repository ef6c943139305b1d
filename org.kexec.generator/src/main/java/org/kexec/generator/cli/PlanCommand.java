package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.image.BootImages;
import org.kexec.runtime.memory.IomemReader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanException;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.PlanReport;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kbootc plan}: a dry run of the kexec_load plan of each boot of a spec, against a memory map. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plans each boot of the given specs as the loader would, without loading anything: the segment"
                + " table, entry, flags, registers and digest, checked against every rule the kernel and Xen apply."
                + " Image files must be present (see --root). Exit status 1 when a plan breaks a rule.",
        footer = {"", "Examples:", "  kbootc plan examples/fast-reboot.kboot --memmap qemu-1g",
            "  kbootc plan fleet/kdump.kboot --memmap host.iomem --root /srv/images/host1 --format json"})
final class PlanCommand extends SpecCommand implements Callable<Integer> {

    @Option(names = "--memmap", paramLabel = "PROFILE|FILE",
            description = "Memory map to plan against: a bundled profile (qemu-1g, large-server) or a recorded /proc/iomem"
                    + " file; default: the spec's memmap.")
    private String memmap;

    @Option(names = "--root", paramLabel = "DIR", description = "Take absolute image paths under DIR (a host's root file system).")
    private Path root;

    @Option(names = "--boot", paramLabel = "NAME", description = "Plan only this boot (qualified or simple name).")
    private String boot;

    @Option(names = "--running-cmdline", paramLabel = "TEXT",
            description = "The command line 'reuse running' takes; default: this machine's /proc/cmdline.")
    private String runningCmdline;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    private DiagnosticReport.Format format = DiagnosticReport.Format.TEXT;

    @Override
    public Integer call() throws UsageException {
        List<Path> files = SpecWorkspace.collect(inputs);
        SpecWorkspace workspace = SpecWorkspace.open(kbootc().injector(), inputs);
        List<Diagnostic> diagnostics = workspace.validate();
        if (DiagnosticReport.hasErrors(diagnostics)) {
            DiagnosticReport.print(diagnostics, DiagnosticReport.Format.TEXT, out());
            err().println("kbootc: " + DiagnosticReport.summary(diagnostics, files.size()) + "; nothing planned");
            return Kbootc.ExitCodes.FINDINGS;
        }
        BootSpecConverter converter = kbootc().injector().getInstance(BootSpecConverter.class);
        int failures = 0;
        int planned = 0;
        for (Boot candidate : workspace.boots()) {
            BootSpec spec = converter.convert(candidate);
            if (boot != null && !spec.name().equals(boot) && !candidate.getName().equals(boot)) {
                continue;
            }
            planned++;
            failures += plan(spec, workspace.folderOf(candidate)) ? 0 : 1;
        }
        if (planned == 0) {
            throw new UsageException(boot == null ? "no boots in " + inputs : "no boot named " + boot + " in " + inputs);
        }
        return failures > 0 ? Kbootc.ExitCodes.FINDINGS : Kbootc.ExitCodes.OK;
    }

    /** Plans one boot and prints the plan or why there is none; true when there is one. */
    private boolean plan(BootSpec spec, Path folder) throws UsageException {
        if (spec.loadMode() == LoadMode.KEXEC_FILE_LOAD) {
            out().println("plan for " + spec.name() + ": kexec_file_load, so the kernel places the segments itself;"
                    + " nothing to plan");
            return true;
        }
        try {
            MemoryMap memory = memoryMap(spec, folder);
            BootImages images = BootImages.read(spec, folder, Optional.ofNullable(root));
            KexecPlan plan = SegmentPlanner.plan(PlanInputs.of(spec, images, memory, running(), Optional.empty(),
                    CrashSources.none()));
            if (format == DiagnosticReport.Format.JSON) {
                out().print(PlanReport.json(spec.name(), plan));
            } else {
                PlanReport.table(spec.name(), plan).forEach(out()::println);
            }
            return true;
        } catch (BootImages.ImageException e) {
            err().println("kbootc: " + spec.name() + ": " + e.getMessage());
        } catch (PlanException e) {
            err().println("kbootc: " + spec.name() + ": " + e.getMessage());
        }
        return false;
    }

    private MemoryMap memoryMap(BootSpec spec, Path folder) throws UsageException {
        Optional<PlacementSpec.MemmapSource> source = memmap != null
                ? Optional.of(new PlacementSpec.MemmapSource(MemoryProfiles.NAMES.contains(memmap), memmap))
                : spec.placement().memmap();
        if (source.isEmpty()) {
            throw new UsageException(spec.name() + " names no memory map: give --memmap qemu-1g, or a recorded /proc/iomem");
        }
        if (source.get().profile()) {
            return MemoryProfiles.load(source.get().name());
        }
        Path file = memmap != null ? Path.of(memmap) : folder.resolve(source.get().name());
        try {
            return IomemReader.read(file);
        } catch (IOException e) {
            throw new UsageException("cannot read memory map " + file + ": " + e.getMessage());
        } catch (MemoryMapFormatException e) {
            throw new UsageException("memory map " + e.getMessage());
        }
    }

    private String running() throws UsageException {
        if (runningCmdline != null) {
            return runningCmdline;
        }
        try {
            return Files.readString(Path.of("/proc/cmdline"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UsageException("cannot read /proc/cmdline for 'reuse running': give --running-cmdline");
        }
    }
}
