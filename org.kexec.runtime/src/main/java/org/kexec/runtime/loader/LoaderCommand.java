package org.kexec.runtime.loader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.kexec.runtime.backend.DryRunBackend;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.RecordedHostFacts;
import org.kexec.runtime.memory.IomemReader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryProfiles;
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
    static final int USAGE = 2;
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
            if (exception instanceof HostLoader.LoadException || exception instanceof UsageException) {
                err.println(name + ": " + exception.getMessage());
                return exception instanceof UsageException ? USAGE : REFUSED;
            }
            return internal(err, name, exception);
        });
        try {
            return line.execute(args);
        } catch (Throwable fault) {
            // Errors (out of memory, a missing native library) escape picocli's handler: still one line.
            return internal(err, name, fault);
        }
    }

    private static int internal(PrintWriter err, String name, Throwable fault) {
        err.println(name + ": internal error, nothing was loaded by it: " + fault);
        err.flush();
        return INTERNAL;
    }

    private HostLoader loader() {
        Hosts.Host host = Hosts.of(Hosts.detect());
        return new HostLoader(spec, HostFiles.of(base), host.facts(), host.backend(), stateDir, out);
    }

    /** A usage error of a loader command: exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Reads, verifies and plans the boot as load would,"
            + " against this host or a recorded one (--memmap), and prints every plan the load may hand over; loads nothing.")
    int plan(@Option(names = "--memmap", paramLabel = "PROFILE|FILE", description = "Plan against a recorded memory map"
                     + " instead of this host's: a bundled profile (qemu-1g, large-server) or a /proc/iomem file.")
             String memmap,
             @Option(names = "--root", paramLabel = "DIR", description = "Take absolute image paths under DIR (a host's root"
                     + " file system seen from here).")
             Path root,
             @Option(names = "--running-cmdline", paramLabel = "TEXT", description = "With --memmap: the command line"
                     + " 'reuse running' takes (default: this machine's /proc/cmdline).")
             String runningCmdline,
             @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
             String format) throws HostLoader.LoadException, UsageException {
        HostLoader.Format output = format(format);
        HostFiles files = new HostFiles(base, Optional.ofNullable(root));
        HostLoader loader;
        if (memmap == null) {
            Hosts.Host host = Hosts.of(Hosts.detect());
            loader = new HostLoader(spec, files, host.facts(), host.backend(), stateDir, out);
        } else {
            RecordedHostFacts facts = new RecordedHostFacts(memoryMap(memmap), runningCmdline != null ? runningCmdline
                    : spec.cmdline().reuseRunning() ? thisMachinesCmdline() : "");
            loader = new HostLoader(spec, files, facts, new DryRunBackend(spec.target()), stateDir, out);
        }
        loader.plan(output);
        return OK;
    }

    private static HostLoader.Format format(String format) throws UsageException {
        if (format == null || format.equals("text")) {
            return HostLoader.Format.TEXT;
        }
        if (format.equals("json")) {
            return HostLoader.Format.JSON;
        }
        throw new UsageException("--format takes text or json, not " + format);
    }

    /** A bundled profile by name, or a recorded /proc/iomem file. */
    private static MemoryMap memoryMap(String memmap) throws UsageException {
        if (MemoryProfiles.NAMES.contains(memmap)) {
            return MemoryProfiles.load(memmap);
        }
        try {
            return IomemReader.read(Path.of(memmap));
        } catch (IOException e) {
            throw new UsageException("cannot read memory map " + memmap + ": " + e.getMessage() + " (bundled profiles: "
                    + String.join(", ", MemoryProfiles.NAMES) + ")");
        } catch (MemoryMapFormatException e) {
            throw new UsageException("memory map " + e.getMessage());
        }
    }

    private static String thisMachinesCmdline() throws UsageException {
        try {
            return org.kexec.runtime.host.LinuxHostFacts.readCmdline();
        } catch (IOException e) {
            throw new UsageException("cannot read /proc/cmdline for 'reuse running': give --running-cmdline");
        }
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
