package org.kexec.generator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.generator.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kbootc check}: parses and validates specs, prints every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validates specs against every rule the kernel and Xen enforce, and prints each problem as"
                + " file:line:col: error|warning|info: message [code]. Exit status 1 when there are errors.",
        footer = {"", "Examples:", "  kbootc check examples", "  kbootc check --format json fleet/reboot.kboot",
            "  kbootc check fleet/ --root /srv/images/host1"})
final class CheckCommand extends SpecCommand implements Callable<Integer> {

    @Option(names = "--root", paramLabel = "DIR",
            description = "Take absolute image and certificate paths under DIR (a host's root file system), as plan does.")
    private Path root;

    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    private DiagnosticReport.Format format = DiagnosticReport.Format.TEXT;

    @Override
    public Integer call() throws UsageException {
        List<Path> files = SpecWorkspace.collect(inputs);
        List<Diagnostic> diagnostics = SpecWorkspace.open(kbootc().injector(), inputs, Optional.ofNullable(root)).validate();
        DiagnosticReport.print(diagnostics, format, out());
        if (format == DiagnosticReport.Format.TEXT) {
            err().println("kbootc: " + DiagnosticReport.summary(diagnostics, files.size()));
        }
        return DiagnosticReport.hasErrors(diagnostics) ? Kbootc.ExitCodes.FINDINGS : Kbootc.ExitCodes.OK;
    }
}
