package org.kexec.generator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every kbootc subcommand has: the specs it works on, the language, and its output streams. */
abstract class SpecCommand {

    @ParentCommand
    private Kbootc kbootc;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = ".kboot files, or folders to search for them.")
    protected List<Path> inputs;

    protected Kbootc kbootc() {
        return kbootc;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
