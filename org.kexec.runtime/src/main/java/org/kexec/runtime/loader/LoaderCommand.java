package org.kexec.runtime.loader;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.spec.BootSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of a loader for one boot: {@code plan}, {@code load}, {@code exec}, {@code unload} and
 * {@code status}. A generated loader's main runs it with its boot; so does {@code kbootc} for a boot of a spec.
 * Refusals print one message (file, field or errno, why, and the fix) and exit 1; usage errors exit 2.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Loads, executes, unloads and reports one kexec boot on this host (Linux, or Xen from a PV dom0).")
public final class LoaderCommand {

    static final int OK = 0;
    static final int REFUSED = 1;
    /** A fault in kboot itself, reported in one line; the kernel's state is as the output before it says. */
    static final int INTERNAL = 70;

    private final BootSpec spec;
    private final PrintWriter out;

    @Option(names = "--base", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder the boot's relative image paths start from (default: the current folder).")
    Path base = Path.of("");

    @Option(names = "--state-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Where the armed crash boot is recorded for re-arming; it must not outlive a reboot"
                    + " (default: ${DEFAULT-VALUE}).")
    Path stateDir = Path.of("/run/kboot");

    private LoaderCommand(BootSpec spec, PrintWriter out) {
        this.spec = spec;
        this.out = out;
    }

    /** A generated loader's main: runs {@code args} for {@code spec} and exits with the command's status. */
    public static void exit(BootSpec spec, String name, String[] args) {
        System.exit(run(spec, name, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code args} for {@code spec} on this host and returns the exit status. */
    public static int run(BootSpec spec, String name, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new LoaderCommand(spec, out));
        line.setCommandName(name);
        line.getCommandSpec().usageMessage().header(spec.name() + ": " + spec.kind().keyword() + " boot of " + spec.kernel().path()
                + " through " + spec.target().keyword() + " (" + spec.loadMode().keyword() + ")");
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof HostLoader.LoadException) {
                err.println(name + ": " + exception.getMessage());
                return REFUSED;
            }
            err.println(name + ": internal error, nothing was loaded by it: " + exception);
            return INTERNAL;
        });
        return line.execute(args);
    }

    private HostLoader loader() {
        KexecBackend backend = Hosts.backend(Hosts.detect());
        return new HostLoader(spec, base, backend, stateDir, out);
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Reads, verifies and plans the boot against this host, and prints the plan;"
            + " loads nothing.")
    int plan() throws HostLoader.LoadException {
        loader().plan();
        return OK;
    }

    @Command(name = "load", mixinStandardHelpOptions = true, description = "Loads the boot (arms it, for a crash boot), after checking everything the"
            + " kernel or Xen would refuse.")
    int load() throws HostLoader.LoadException {
        HostLoader loader = loader();
        loader.load();
        out.println(HostLoader.describe(loader.status()));
        return OK;
    }

    @Command(name = "exec", mixinStandardHelpOptions = true, description = "Reboots into the loaded kernel now, without a firmware reset. Nothing is"
            + " synced or unmounted first.")
    int exec() throws HostLoader.LoadException {
        loader().exec();
        return REFUSED;
    }

    @Command(name = "unload", mixinStandardHelpOptions = true, description = "Unloads this boot's kind of image: the default image, or the armed crash"
            + " image.")
    int unload() throws HostLoader.LoadException {
        HostLoader loader = loader();
        loader.unload();
        out.println(HostLoader.describe(loader.status()));
        return OK;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Says which images are loaded and how much memory is reserved for crash"
            + " kernels.")
    int status() throws HostLoader.LoadException {
        out.println(HostLoader.describe(loader().status()));
        return OK;
    }
}
