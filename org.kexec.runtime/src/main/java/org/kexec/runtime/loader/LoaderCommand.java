package org.kexec.runtime.loader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Optional;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.LinuxHostFacts;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.memory.MemoryMapSource;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.spec.BootSpec;

/**
 * The command line of a loader for one boot: {@code plan}, {@code load}, {@code exec}, {@code unload} and
 * {@code status} ({@link LoaderArguments}). A generated loader's main runs it with its boot; so do {@code kbootc plan}
 * and {@code kbootc load|reboot|exec|unload|status} for a boot of a spec. Refusals print one message (file, field or errno,
 * why, and the fix) and exit 1; usage errors exit 2; a fault in kboot, whatever it is, one line and exit 70.
 */
public final class LoaderCommand {

    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    /** A fault in kboot itself, reported in one line; the kernel's state is as the output before it says. */
    static final int INTERNAL = 70;

    private LoaderCommand() {
    }

    /** A generated loader's main: runs {@code args} for {@code spec} and exits with the command's status. */
    public static void exit(BootSpec spec, String name, String[] args) {
        ClassDataArchive.keepForThisJava();
        System.exit(run(spec, name, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code args} for {@code spec} on this host and returns the exit status. */
    public static int run(BootSpec spec, String name, String[] args, PrintWriter out, PrintWriter err) {
        try {
            LoaderArguments arguments = LoaderArguments.parse(args);
            return run(spec, name, arguments, out);
        } catch (LoaderArguments.UsageException e) {
            err.println(name + ": " + e.getMessage() + " (" + name + " --help shows the usage)");
            return USAGE;
        } catch (HostLoader.LoadException e) {
            err.println(name + ": " + e.getMessage());
            return REFUSED;
        } catch (Throwable fault) {
            // Anything else, Errors included (out of memory, a broken installation): one line, never a stack trace.
            err.println(name + ": internal error, nothing was loaded by it: " + fault);
            return INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int run(BootSpec spec, String name, LoaderArguments arguments, PrintWriter out)
            throws HostLoader.LoadException, LoaderArguments.UsageException {
        switch (arguments.command()) {
            case HELP -> out.print(help(spec, name));
            case PLAN -> {
                HostLoader.DryRun planned = planner(spec, arguments, out).plan(arguments.format());
                // The run that records the class-data archive rehearses the load too, so that it records what loads use.
                if (ClassDataArchive.recording()) {
                    rehearseLoad(spec, name, arguments, planned);
                }
            }
            case LOAD -> {
                try (HostLock lock = lock(spec, name, arguments, out)) {
                    HostLoader loader = hostLoader(spec, arguments, out);
                    loader.load();
                    out.println(HostLoader.describe(loader.status()));
                }
            }
            case REBOOT -> {
                try (HostLock lock = lock(spec, name, arguments, out)) {
                    hostLoader(spec, arguments, out).rebootThroughSystemd();
                }
            }
            case EXEC -> {
                try (HostLock lock = lock(spec, name, arguments, out)) {
                    hostLoader(spec, arguments, out).exec();
                }
                return REFUSED;
            }
            case UNLOAD -> {
                try (HostLock lock = lock(spec, name, arguments, out)) {
                    HostLoader loader = hostLoader(spec, arguments, out);
                    loader.unload();
                    out.println(HostLoader.describe(loader.status()));
                }
            }
            case STATUS -> out.println(HostLoader.describe(hostLoader(spec, arguments, out).status()));
        }
        return OK;
    }

    /**
     * On the plan that records the class-data archive every later run maps: goes on through every step of a load of the
     * same plan, short of the kernel or Xen (the host's lock, taken and given back at once if it is free; the load
     * through this host's backend's rehearsal, and load auto's fallback to kexec_load; the status read), so that the archive holds the classes a load uses
     * (under emulation, each class the archive lacks is read from the jar, and the first such read opens the jar's
     * directory). Whatever fails here, the load says itself.
     */
    private static void rehearseLoad(BootSpec spec, String name, LoaderArguments arguments, HostLoader.DryRun planned) {
        try (HostLock lock = HostLock.acquire(arguments.stateDir(), name + " plan " + spec.name(), Duration.ZERO,
                new PrintWriter(Writer.nullWriter()))) {
            // Given back at once: only a load holds it.
        } catch (HostLoader.LoadException e) {
            // Busy, or the state folder cannot be written.
        }
        Hosts.Host host = Hosts.of(Hosts.detect());
        HostLoader rehearsal = HostLoader.rehearsal(spec, new HostFiles(arguments.base(), arguments.root()), host.facts(),
                host.backend(), arguments.stateDir());
        try {
            rehearsal.load(planned);
            // A rehearsed kexec_file_load is never refused, so load auto's fallback is rehearsed on its own.
            if (planned.fileLoad().isPresent() && planned.kexecLoad().isPresent()) {
                host.backend().rehearse(planned.kexecLoad().get());
            }
            HostLoader.describe(rehearsal.status());
        } catch (HostLoader.LoadException e) {
            // The load and the status command report it.
        }
    }

    /** This host's kboot lock, for a command that changes what the kernel holds. */
    private static HostLock lock(BootSpec spec, String name, LoaderArguments arguments, PrintWriter out)
            throws HostLoader.LoadException {
        return HostLock.acquire(arguments.stateDir(), name + " " + arguments.command().word() + " " + spec.name(),
                arguments.lockWait(), out);
    }

    /** The loader on this host: its facts and the backend of the system it kexecs through. */
    private static HostLoader hostLoader(BootSpec spec, LoaderArguments arguments, PrintWriter out) {
        Hosts.Host host = Hosts.of(Hosts.detect());
        return new HostLoader(spec, new HostFiles(arguments.base(), arguments.root()), host.facts(), host.backend(),
                arguments.stateDir(), out);
    }

    /** A plan against this host, or against a recorded memory map with a dry-run backend. */
    private static HostLoader planner(BootSpec spec, LoaderArguments arguments, PrintWriter out)
            throws LoaderArguments.UsageException {
        if (arguments.memmap().isEmpty()) {
            return hostLoader(spec, arguments, out);
        }
        String running = arguments.runningCmdline().isPresent() ? arguments.runningCmdline().get()
                : spec.cmdline().reuseRunning() ? thisMachinesCmdline() : "";
        Optional<String> release = arguments.runningRelease().or(LoaderCommand::thisMachinesRelease);
        return HostLoader.recorded(spec, new HostFiles(arguments.base(), arguments.root()), memoryMap(arguments.memmap().get()),
                running, release, out);
    }

    /** A bundled profile by name, or a recorded /proc/iomem file. */
    private static MemoryMap memoryMap(String memmap) throws LoaderArguments.UsageException {
        try {
            return MemoryMapSource.recorded(memmap);
        } catch (IOException e) {
            throw new LoaderArguments.UsageException("cannot read memory map " + memmap + ": " + e.getMessage()
                    + " (bundled profiles: " + String.join(", ", MemoryProfiles.NAMES) + ")");
        } catch (MemoryMapFormatException e) {
            throw new LoaderArguments.UsageException("memory map " + e.getMessage());
        }
    }

    /** This machine's release, for a dry run of a boot with release running; empty where it cannot be read. */
    private static Optional<String> thisMachinesRelease() {
        try {
            return Optional.of(LinuxHostFacts.readRelease());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String thisMachinesCmdline() throws LoaderArguments.UsageException {
        try {
            return LinuxHostFacts.readCmdline();
        } catch (IOException e) {
            throw new LoaderArguments.UsageException("cannot read /proc/cmdline for 'reuse running': give --running-cmdline");
        }
    }

    /** The usage: the boot, the commands and the options. */
    static String help(BootSpec spec, String name) {
        StringBuilder help = new StringBuilder("Usage: " + name + " plan|load|reboot|exec|unload|status [OPTIONS]\n");
        help.append(spec.name()).append(": ").append(spec.kind().keyword()).append(" boot of ").append(spec.kernel().path())
                .append(" through ").append(spec.target().keyword()).append(" (").append(spec.loadMode().keyword()).append(")\n");
        help.append("Loads, executes, unloads and reports one kexec boot on this host (Linux, or Xen from a PV dom0).\n");
        help.append("Commands:\n");
        for (LoaderArguments.Command command : LoaderArguments.Command.values()) {
            if (command != LoaderArguments.Command.HELP) {
                help.append(String.format("  %-8s%s%n", command.word(), command.description));
            }
        }
        return help.append(LoaderArguments.OPTIONS).toString();
    }
}
