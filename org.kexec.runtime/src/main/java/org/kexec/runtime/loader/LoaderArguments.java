package org.kexec.runtime.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A loader's command line, parsed: the command and its options, or why it is wrong. Five commands and six options need
 * no framework, and a loader starts in a fraction of the time without one: building picocli's model from annotations
 * took 70% of {@code status}'s run (110 of 153 ms on a host, about 2 s under emulation).
 *
 * @param command        what to do; {@code HELP} for {@code --help}
 * @param base           folder the boot's relative image paths start from
 * @param stateDir       where the armed crash boot is recorded
 * @param memmap         plan: a recorded memory map (profile name or file) instead of the host's
 * @param root           plan: take absolute image paths under this folder
 * @param runningCmdline plan with a recorded map: the command line {@code reuse running} takes
 * @param runningRelease plan with a recorded map: the release {@code release running} takes
 * @param format         plan: text or JSON
 * @param lockWait       load, exec, unload: how long to wait for another kboot run on this host to finish
 */
record LoaderArguments(Command command, Path base, Path stateDir, Optional<String> memmap, Optional<Path> root,
                       Optional<String> runningCmdline, Optional<String> runningRelease, HostLoader.Format format,
                       Duration lockWait) {

    /** What a loader can be asked to do. */
    enum Command {
        PLAN("Reads, verifies and plans the boot as load would, against this host or a recorded one (--memmap), and"
                + " prints every plan the load may hand over; loads nothing."),
        LOAD("Loads the boot (arms it, for a crash boot), after checking everything the kernel or Xen would refuse."),
        EXEC("Reboots into the loaded kernel at once, without a firmware reset: no service is stopped, nothing is synced or"
                + " unmounted first."),
        REBOOT("Reboots cleanly into this boot through systemd (systemctl kexec): services stop and file systems unmount"
                + " first; loads the boot first, replacing any default image loaded."),
        UNLOAD("Unloads this boot's kind of image: the default image, or the armed crash image."),
        STATUS("Says which images are loaded and how much memory is reserved for crash kernels."),
        HELP("Shows this help.");

        final String description;

        Command(String description) {
            this.description = description;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A command line that does not parse; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final Path DEFAULT_STATE_DIR = Path.of("/run/kboot");
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private static final List<String> OPTION_NAMES = List.of("--base", "--state-dir", "--memmap", "--root",
            "--running-cmdline", "--running-release", "--format", "--wait");

    /** The options and what they take, for the help text. */
    static final String OPTIONS = """
            Options:
              --base DIR              Folder the boot's relative image paths start from (default: the current folder).
              --state-dir DIR         Where the armed crash boot is recorded for re-arming; it must not outlive a reboot
                                      (default: /run/kboot).
              --wait SECONDS          load, reboot, exec, unload: how long to wait while another kboot run on this host holds
                                      its lock (default: 60; 0 refuses at once).
              -h, --help              Shows this help.
            Options of plan:
              --memmap PROFILE|FILE   Plan against a recorded memory map instead of this host's: a bundled profile
                                      (qemu-1g, large-server) or a /proc/iomem file.
              --root DIR              Take absolute image paths under DIR (a host's root file system seen from here).
              --running-cmdline TEXT  With --memmap: the command line 'reuse running' takes (default: this machine's
                                      /proc/cmdline).
              --running-release TEXT  With --memmap: the kernel release 'release running' takes (default: this
                                      machine's, uname -r).
              --format text|json      Output format (default: text).
            """;

    static LoaderArguments parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("missing command: plan, load, reboot, exec, unload or status");
        }
        Command command = null;
        Path base = Path.of("");
        Path stateDir = DEFAULT_STATE_DIR;
        String memmap = null;
        Path root = null;
        String running = null;
        String release = null;
        HostLoader.Format format = HostLoader.Format.TEXT;
        Duration wait = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("help")) {
                command = Command.HELP;
                continue;
            }
            if (!arg.startsWith("-")) {
                if (command != null) {
                    throw new UsageException("unexpected argument '" + arg + "'");
                }
                command = command(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            if (!OPTION_NAMES.contains(option)) {
                throw new UsageException("unknown option " + option);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("option " + option + " needs a value");
            }
            switch (option) {
                case "--base" -> base = Path.of(value);
                case "--state-dir" -> stateDir = Path.of(value);
                case "--memmap" -> memmap = value;
                case "--root" -> root = Path.of(value);
                case "--running-cmdline" -> running = value;
                case "--running-release" -> release = value;
                case "--wait" -> wait = seconds(value);
                default -> format = format(value);
            }
        }
        if (command == null) {
            throw new UsageException("missing command: plan, load, reboot, exec, unload or status");
        }
        if (command != Command.PLAN && command != Command.HELP
                && (memmap != null || root != null || running != null || release != null || format != HostLoader.Format.TEXT)) {
            throw new UsageException("--memmap, --root, --running-cmdline, --running-release and --format are options of plan only");
        }
        if (wait != null && command != Command.LOAD && command != Command.EXEC && command != Command.UNLOAD
                && command != Command.REBOOT && command != Command.HELP) {
            throw new UsageException("--wait is an option of load, reboot, exec and unload");
        }
        return new LoaderArguments(command, base, stateDir, Optional.ofNullable(memmap), Optional.ofNullable(root),
                Optional.ofNullable(running), Optional.ofNullable(release), format, wait == null ? DEFAULT_WAIT : wait);
    }

    private static Command command(String word) throws UsageException {
        for (Command command : Command.values()) {
            if (command.word().equals(word)) {
                return command;
            }
        }
        throw new UsageException("unknown command '" + word + "': plan, load, reboot, exec, unload or status");
    }

    private static Duration seconds(String value) throws UsageException {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0 && seconds <= 86_400) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new UsageException("--wait takes whole seconds from 0 to 86400, not " + value);
    }

    private static HostLoader.Format format(String value) throws UsageException {
        return switch (value) {
            case "text" -> HostLoader.Format.TEXT;
            case "json" -> HostLoader.Format.JSON;
            default -> throw new UsageException("--format takes text or json, not " + value);
        };
    }
}
