package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.generator.Diagnostic;
import org.kexec.generator.GeneratedFile;
import org.kexec.generator.KBootGenerator;
import org.kexec.generator.OutputWriter;
import org.kexec.generator.loader.LoaderPackager;
import org.kexec.runtime.spec.BootSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kbootc compile}: validates specs, then writes the outputs of every boot, all or nothing. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Validates specs and, when there are no errors, writes per boot OUT/<boot>/: boot.json (the"
                + " resolved BootSpec), the purgatory table with its header and listing, and the host loader: BootLoader.java,"
                + " compiled into loader.jar, which runs beside kboot-runtime.jar (and kboot-bouncycastle.jar for a boot that verifies signatures) on any host"
                + " with a Java 17 runtime"
                + " (java -jar loader.jar plan|load|reboot|exec|unload|status). Outputs appear all at once: on any error nothing"
                + " is written.",
        footer = {"", "Examples:", "  kbootc compile examples -o out", "  kbootc compile fleet/ -o build/kboot"})
final class CompileCommand extends SpecCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder.")
    private Path output;

    @Override
    public Integer call() throws UsageException {
        List<Path> files = SpecWorkspace.collect(inputs);
        SpecWorkspace workspace = SpecWorkspace.open(kbootc().injector(), inputs, Optional.empty());
        List<Diagnostic> diagnostics = workspace.validate();
        DiagnosticReport.print(diagnostics, DiagnosticReport.Format.TEXT, out());
        if (DiagnosticReport.hasErrors(diagnostics)) {
            err().println("kbootc: " + DiagnosticReport.summary(diagnostics, files.size())
                    + "; nothing written");
            return Kbootc.ExitCodes.FINDINGS;
        }
        BootSpecConverter converter = kbootc().injector().getInstance(BootSpecConverter.class);
        List<BootSpec> boots = new ArrayList<>();
        for (Boot boot : workspace.boots()) {
            boots.add(converter.convert(boot));
        }
        List<GeneratedFile> generated = new ArrayList<>(KBootGenerator.generate(boots));
        try {
            generated.addAll(LoaderPackager.pack(boots));
        } catch (LoaderPackager.PackagingException e) {
            err().println("kbootc: " + e.getMessage() + "; nothing written");
            return Kbootc.ExitCodes.INTERNAL;
        }
        try {
            OutputWriter.write(output, generated);
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + e.getMessage());
        }
        err().println("kbootc: compiled " + boots.size() + " boot" + (boots.size() == 1 ? "" : "s")
                + " from " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " into " + output);
        return Kbootc.ExitCodes.OK;
    }
}
