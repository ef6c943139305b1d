package org.kexec.generator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.generator.Diagnostic;
import org.kexec.runtime.loader.LoaderCommand;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.PlacementSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbootc plan}: a dry run of each boot of a spec against a recorded memory map, through the generated loader's
 * own {@code plan} ({@link LoaderCommand}), so both print and refuse alike.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Plans each boot of the given specs as the loader would, without loading anything: for kexec_load"
                + " the segment table, entry, flags, registers and digest; for kexec_file_load what the kernel is handed;"
                + " both for load auto. Images, pins and signatures are checked as on a host."
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

    @Option(names = "--running-release", paramLabel = "TEXT",
            description = "The kernel release 'release running' takes; default: this machine's (uname -r).")
    private String runningRelease;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    private DiagnosticReport.Format format = DiagnosticReport.Format.TEXT;

    @Override
    public Integer call() throws UsageException {
        List<Path> files = SpecWorkspace.collect(inputs);
        SpecWorkspace workspace = SpecWorkspace.open(kbootc().injector(), inputs, Optional.empty());
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
            int status = LoaderCommand.run(spec, "kbootc", loaderArguments(spec, workspace.folderOf(candidate)), out(), err());
            if (status == Kbootc.ExitCodes.USAGE) {
                return status;
            }
            failures += status == Kbootc.ExitCodes.OK ? 0 : 1;
        }
        if (planned == 0) {
            throw new UsageException(boot == null ? "no boots in " + inputs : "no boot named " + boot + " in " + inputs);
        }
        return failures > 0 ? Kbootc.ExitCodes.FINDINGS : Kbootc.ExitCodes.OK;
    }

    /**
     * The generated loader's own plan command, against the memory map given or the spec's: {@code kbootc plan} and
     * {@code loader.jar plan --memmap} are one code path.
     */
    private String[] loaderArguments(BootSpec spec, Path folder) throws UsageException {
        List<String> arguments = new ArrayList<>(List.of("plan", "--base", folder.toString(), "--memmap", memmap(spec, folder),
                "--format", format.name().toLowerCase(Locale.ROOT)));
        if (root != null) {
            arguments.addAll(List.of("--root", root.toString()));
        }
        if (runningCmdline != null) {
            arguments.addAll(List.of("--running-cmdline", runningCmdline));
        }
        if (runningRelease != null) {
            arguments.addAll(List.of("--running-release", runningRelease));
        }
        return arguments.toArray(String[]::new);
    }

    /** The memory map to plan against: --memmap, or the spec's profile or file (relative to the spec's folder). */
    private String memmap(BootSpec spec, Path folder) throws UsageException {
        if (memmap != null) {
            return memmap;
        }
        PlacementSpec.MemmapSource source = spec.placement().memmap().orElseThrow(() -> new UsageException(spec.name()
                + " names no memory map: give --memmap qemu-1g, or a recorded /proc/iomem"));
        return source.profile() ? source.name() : folder.resolve(source.name()).toString();
    }
}
