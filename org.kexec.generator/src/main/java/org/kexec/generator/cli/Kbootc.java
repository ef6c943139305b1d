package org.kexec.generator.cli;

import com.google.inject.Injector;
import java.io.PrintWriter;
import org.kexec.dsl.KBootStandaloneSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kbootc}: checks, compiles and formats .kboot specs. */
@Command(name = "kbootc", mixinStandardHelpOptions = true, version = "kbootc 0.1.0",
        description = "Checks, compiles and formats .kboot specs: declarative kexec boots for Linux and Xen.",
        subcommands = {CheckCommand.class, CompileCommand.class, FmtCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  kbootc check examples", "  kbootc compile examples -o out", "  kbootc fmt --check examples"})
public final class Kbootc {

    private Injector injector;

    /** The language, started on first use so {@code --help} stays instant. */
    Injector injector() {
        if (injector == null) {
            injector = new KBootStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its streams, error handling and exit codes: what main runs and tests drive. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Kbootc());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof UsageException) {
                line.getErr().println("kbootc: " + exception.getMessage());
                return ExitCodes.USAGE;
            }
            line.getErr().println("kbootc: internal error: " + exception);
            return ExitCodes.INTERNAL;
        });
        return commandLine;
    }

    /** Exit statuses of every subcommand. */
    static final class ExitCodes {
        static final int OK = 0;
        /** The specs have errors (check, compile) or are not formatted (fmt --check). */
        static final int FINDINGS = 1;
        static final int USAGE = 2;
        static final int INTERNAL = 70;

        private ExitCodes() {
        }
    }
}
