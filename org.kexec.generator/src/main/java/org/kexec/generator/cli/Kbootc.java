package org.kexec.generator.cli;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.kexec.dsl.KBootStandaloneSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code kbootc}: checks, compiles and formats .kboot specs. */
@Command(name = "kbootc", mixinStandardHelpOptions = true, version = "kbootc 0.1.0",
        description = "Checks, compiles and formats .kboot specs: declarative kexec boots for Linux and Xen.",
        subcommands = {CheckCommand.class, CompileCommand.class, FmtCommand.class, InspectCommand.class, PlanCommand.class,
                ReviewCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  kbootc check examples", "  kbootc compile examples -o out", "  kbootc fmt --check examples",
            "  kbootc load fleet/kdump.kboot --boot crash_kernel"})
public final class Kbootc {

    /** Subcommands that need the language. */
    private static final Set<String> LANGUAGE_COMMANDS = Set.of("check", "compile", "fmt", "plan", "review", "load", "reboot", "exec", "unload", "status");

    private CompletableFuture<Injector> language;

    /**
     * Starts the language (EMF registration, Guice injector: about half of a cold run) on another thread, so it
     * overlaps with parsing the command line and finding the files.
     */
    void startLanguage() {
        if (language == null) {
            language = CompletableFuture.supplyAsync(() -> new KBootStandaloneSetup().createInjectorAndDoEMFRegistration(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "kbootc-language");
                        thread.setDaemon(true);
                        thread.start();
                    });
        }
    }

    /** The language, started on first use (or earlier by {@link #startLanguage()}) so {@code --help} stays instant. */
    Injector injector() {
        startLanguage();
        return language.join();
    }

    public static void main(String[] args) {
        Kbootc kbootc = new Kbootc();
        if (args.length > 0 && LANGUAGE_COMMANDS.contains(args[0])) {
            kbootc.startLanguage();
        }
        PrintWriter err = new PrintWriter(System.err, true);
        int status;
        try {
            status = commandLine(kbootc, new PrintWriter(System.out, true), err).execute(args);
        } catch (Throwable fault) {
            // Errors (out of memory, a broken installation) escape picocli's handler: still one line.
            err.println("kbootc: internal error: " + fault);
            status = ExitCodes.INTERNAL;
        }
        System.exit(status);
    }

    /** The command line with its streams, error handling and exit codes: what main runs and tests drive. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(new Kbootc(), out, err);
    }

    private static CommandLine commandLine(Kbootc kbootc, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(kbootc);
        for (HostCommand.Action action : HostCommand.Action.values()) {
            CommandLine host = new CommandLine(new HostCommand(action));
            host.getCommandSpec().usageMessage().description(action.description);
            commandLine.addSubcommand(action.command(), host);
        }
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
