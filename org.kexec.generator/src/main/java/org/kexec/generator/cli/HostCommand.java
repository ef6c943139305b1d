package org.kexec.generator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.generator.Diagnostic;
import org.kexec.runtime.loader.LoaderCommand;
import org.kexec.runtime.spec.BootSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbootc load|reboot|exec|unload|status}: runs one boot of a spec on this host exactly as its generated loader
 * would (the same {@link LoaderCommand}), for interactive use. Relative image paths start from the spec's folder.
 */
@Command(mixinStandardHelpOptions = true)
final class HostCommand extends SpecCommand implements Callable<Integer> {

    /** The loader commands kbootc offers, with their help. */
    enum Action {
        LOAD("Validates the spec, then loads one of its boots on this host (arms it, for a crash boot)."),
        REBOOT("Reboots this host cleanly into one of the spec's boots through systemd (systemctl kexec): services stop"
                + " and file systems unmount first; loads it first, replacing any default image loaded."),
        EXEC("Reboots this host at once into the kernel loaded before, without a firmware reset: nothing is stopped,"
                + " synced or unmounted."),
        UNLOAD("Unloads the image of the boot's kind: the default image, or the armed crash image."),
        STATUS("Says which images are loaded on this host and how much memory is reserved for crash kernels.");

        final String description;

        Action(String description) {
            this.description = description;
        }

        String command() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Action action;

    @Option(names = "--boot", paramLabel = "NAME", description = "The boot to use (qualified or simple name); required when"
            + " the specs hold several.")
    private String boot;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the armed crash boot is recorded for re-arming"
            + " (default: ${DEFAULT-VALUE}).")
    private Path stateDir = Path.of("/run/kboot");

    HostCommand(Action action) {
        this.action = action;
    }

    @Override
    public Integer call() throws UsageException {
        SpecWorkspace workspace = SpecWorkspace.open(kbootc().injector(), inputs, Optional.empty());
        List<Diagnostic> diagnostics = workspace.validate();
        if (DiagnosticReport.hasErrors(diagnostics)) {
            DiagnosticReport.print(diagnostics, DiagnosticReport.Format.TEXT, out());
            err().println("kbootc: " + DiagnosticReport.summary(diagnostics, SpecWorkspace.collect(inputs).size())
                    + "; nothing done");
            return Kbootc.ExitCodes.FINDINGS;
        }
        BootSpecConverter converter = kbootc().injector().getInstance(BootSpecConverter.class);
        List<BootSpec> all = new ArrayList<>();
        List<Boot> matching = new ArrayList<>();
        for (Boot candidate : workspace.boots()) {
            BootSpec converted = converter.convert(candidate);
            all.add(converted);
            if (boot == null || boot.equals(candidate.getName()) || boot.equals(converted.name())) {
                matching.add(candidate);
            }
        }
        if (matching.size() != 1) {
            List<String> names = all.stream().map(BootSpec::name).toList();
            throw new UsageException(matching.isEmpty()
                    ? (boot == null ? "no boots in " + inputs : "no boot named " + boot + " in " + inputs + "; there are " + names)
                    : "the specs hold several boots " + names + ": choose one with --boot");
        }
        Boot chosen = matching.get(0);
        return LoaderCommand.run(converter.convert(chosen), "kbootc " + action.command(), new String[] {action.command(),
                "--base", workspace.folderOf(chosen).toString(), "--state-dir", stateDir.toString()}, out(), err());
    }
}
