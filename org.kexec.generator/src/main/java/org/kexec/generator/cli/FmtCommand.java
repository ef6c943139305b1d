package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kexec.dsl.formatting2.SpecFormatting;
import org.kexec.generator.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kbootc fmt}: rewrites specs in the canonical layout, or with {@code --check} lists those that are not. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Formats specs in place in the canonical layout. With --check, changes nothing and lists the"
                + " files that are not formatted (exit status 1 if any).",
        footer = {"", "Examples:", "  kbootc fmt fleet/reboot.kboot", "  kbootc fmt --check examples"})
final class FmtCommand extends SpecCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Report unformatted files instead of rewriting them.")
    private boolean check;

    @Override
    public Integer call() throws UsageException {
        SpecFormatting formatting = kbootc().injector().getInstance(SpecFormatting.class);
        int findings = 0;
        for (Path file : SpecWorkspace.collect(inputs)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            SpecFormatting.Result result = formatting.format(text);
            if (result.syntaxError().isPresent()) {
                err().println(file + ":" + result.syntaxError().get() + "; not formatted");
                findings++;
            } else if (!result.formatted().equals(text)) {
                if (check) {
                    out().println(file);
                    findings++;
                } else {
                    try {
                        OutputWriter.replace(file, result.formatted().getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UsageException("cannot write " + file + ": " + e.getMessage());
                    }
                }
            }
        }
        return findings > 0 ? Kbootc.ExitCodes.FINDINGS : Kbootc.ExitCodes.OK;
    }
}
