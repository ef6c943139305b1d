package org.kexec.runtime.loader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kexec.runtime.backend.DryRunBackend;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.backend.RehearsalBackend;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFacts;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.KernelReleases;
import org.kexec.runtime.host.RecordedHostFacts;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.LoadPaths;
import org.kexec.runtime.plan.PlanException;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.PlanReport;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.rules.EntryRules;
import org.kexec.runtime.rules.Errno;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Carries one boot from its spec to the kexec system of a host: accepts its images once (pinned digests, required
 * signatures and the kernel rules, on the bytes that are loaded), plans every path the load may take against the
 * host's facts, and hands exactly the checked bytes to the backend. The dry run ({@link #plan}) and the load
 * ({@link #load}) share every step up to the backend call, so they refuse alike. Every refusal, kboot's or the
 * kernel's, arrives as one {@link LoadException} whose message says what and why; nothing is loaded half.
 */
public final class HostLoader {

    /** Errnos after which {@code load auto} tries kexec_load: the kernel lacks kexec_file_load or cannot parse the image. */
    private static final Set<Integer> FALLBACK_ERRNOS = Set.of(Errno.ENOSYS.number(), Errno.ENOEXEC.number(),
            Errno.EINVAL.number());

    /** How a dry run prints its plans. */
    public enum Format { TEXT, JSON }

    /** Why a boot was not loaded, executed, unloaded or planned; the message is complete. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadException(String message) {
            super(message);
        }
    }

    /**
     * Everything a boot's load may hand over: the boot with the images this host chose ({@code {release}} filled in)
     * and why (with which command line a Unified Kernel Image boots), the kexec_file_load request and the kexec_load
     * plan, as its load mode and the host's kexec system take them ({@code load auto} on Linux has both).
     */
    public record DryRun(BootSpec spec, List<String> chosen, Optional<FileLoad> fileLoad, Optional<KexecPlan> kexecLoad) {
    }

    private final BootSpec spec;
    private final HostFiles files;
    private final HostFacts facts;
    private final KexecBackend backend;
    private final Path stateDir;
    private final ArmedCrashRecord armedCrash;
    /** False for a rehearsal, which loads nothing and so has no armed crash boot to record. */
    private final boolean recordsArmedCrash;
    private final PrintWriter out;

    /**
     * @param files    where the boot's images are read from
     * @param facts    what the host is: memory map, crash notes, running command line, boot_params
     * @param stateDir folder for what must survive between loader runs until the next boot (the armed crash boot)
     * @param out      where progress and plans are printed
     */
    public HostLoader(BootSpec spec, HostFiles files, HostFacts facts, KexecBackend backend, Path stateDir, PrintWriter out) {
        this(spec, files, facts, backend, stateDir, true, out);
    }

    private HostLoader(BootSpec spec, HostFiles files, HostFacts facts, KexecBackend backend, Path stateDir,
                       boolean recordsArmedCrash, PrintWriter out) {
        this.spec = spec;
        this.files = files;
        this.facts = facts;
        this.backend = backend;
        this.stateDir = stateDir;
        this.armedCrash = new ArmedCrashRecord(stateDir);
        this.recordsArmedCrash = recordsArmedCrash;
        this.out = out;
    }

    /**
     * The loader of this host as the run that records a loader's class-data archive rehearses a load ({@link
     * #load(DryRun)}): every step of a load, through {@code backend}'s rehearsal ({@link RehearsalBackend}), which
     * calls neither the kernel nor Xen; it prints nothing and records no state.
     */
    static HostLoader rehearsal(BootSpec spec, HostFiles files, HostFacts facts, KexecBackend backend, Path stateDir) {
        return new HostLoader(spec, files, facts, new RehearsalBackend(backend), stateDir, false,
                new PrintWriter(Writer.nullWriter()));
    }

    /**
     * The loader of a host known from records (a memory map, the running command line), with a dry-run backend of the
     * boot's target: what {@code plan --memmap}, {@code kbootc plan} and review pages plan with. It only plans: it
     * never records state.
     */
    public static HostLoader recorded(BootSpec spec, HostFiles files, MemoryMap memoryMap, String runningCmdline,
                                      Optional<String> runningRelease, PrintWriter out) {
        return new HostLoader(spec, files, new RecordedHostFacts(memoryMap, runningCmdline, runningRelease),
                new DryRunBackend(spec.target()), LoaderArguments.DEFAULT_STATE_DIR, out);
    }

    /**
     * A dry run: accepts and plans as {@link #load()} would, prints every plan the load may hand over, and returns
     * them.
     */
    public DryRun plan(Format format) throws LoadException {
        DryRun planned = dryRun();
        if (format == Format.TEXT) {
            planned.chosen().forEach(out::println);
        }
        planned.fileLoad().ifPresent(load -> out.print(format == Format.JSON ? PlanReport.fileLoadJson(spec.name(), load)
                : lines(PlanReport.fileLoad(spec.name(), load))));
        if (planned.kexecLoad().isPresent()) {
            KexecPlan plan = planned.kexecLoad().get();
            if (planned.fileLoad().isPresent() && format == Format.TEXT) {
                out.println(PlanReport.fallbackHeading());
            }
            out.print(format == Format.JSON ? PlanReport.json(spec.name(), plan) : lines(PlanReport.table(spec.name(), plan)));
        }
        out.flush();
        return planned;
    }

    /** Loads the boot (or arms it, for crash boots). */
    public void load() throws LoadException {
        load(dryRun());
    }

    /** Loads what {@link #dryRun} planned for this boot. */
    void load(DryRun planned) throws LoadException {
        planned.chosen().forEach(out::println);
        if (planned.fileLoad().isPresent()) {
            FileLoad load = planned.fileLoad().get();
            try {
                handOver(() -> backend.loadFile(load));
                out.println("loaded " + spec.name() + " with kexec_file_load");
                PlanReport.fileLoad(spec.name(), load, false).stream().skip(1).forEach(line -> out.println("  " + line));
                remember(planned.spec());
                return;
            } catch (Refused e) {
                if (planned.kexecLoad().isEmpty() || !FALLBACK_ERRNOS.contains(e.errno)) {
                    throw new LoadException(e.getMessage());
                }
                out.println("kexec_file_load refused the boot (" + Errno.describe(e.errno) + "); load auto falls back to"
                        + " kexec_load");
            }
        }
        load(planned.spec(), planned.kexecLoad().orElseThrow());
    }

    /**
     * Hands a plan of this boot to the backend. Public so that a plan changed after planning (a test of the
     * kernel's own checks) takes the same path, re-arming included.
     */
    public void load(KexecPlan plan) throws LoadException {
        load(spec, plan);
    }

    /** Hands a plan of {@code boot} (this boot, with the images the host chose) to the backend. */
    private void load(BootSpec boot, KexecPlan plan) throws LoadException {
        PlanReport.table(spec.name(), plan).forEach(out::println);
        try {
            handOver(() -> backend.load(plan));
        } catch (Refused e) {
            throw new LoadException(e.getMessage());
        }
        out.println("loaded " + spec.name() + " with " + (backend.target() == Target.XEN ? "Xen's kexec hypercall" : "kexec_load")
                + ": " + plan.segments().size() + " segments, entry " + Sizes.hex(plan.entry()) + ", flags " + Sizes.hex(plan.flags()));
        remember(boot);
    }

    /** Reboots into the loaded default image: returns only by exception. */
    public void exec() throws LoadException {
        checkTarget();
        try {
            KexecBackend.Status status = backend.status();
            if (!status.defaultLoaded() && backend.target() == Target.LINUX) {
                throw new LoadException("no kernel is loaded to execute: run load first");
            }
            out.println("executing the loaded kernel");
            out.flush();
            backend.exec();
        } catch (KexecException e) {
            throw new LoadException(e.getMessage());
        }
    }

    /**
     * Reboots into this boot through systemd, as {@code systemctl kexec} does: services stop and file systems unmount
     * before systemd executes the loaded kernel. Loads the boot first, replacing any default image loaded; refused for
     * crash boots, on Xen, and where systemd is not the init system (then {@code exec} reboots at once).
     */
    public void rebootThroughSystemd() throws LoadException {
        checkTarget();
        if (spec.kind() == BootKind.CRASH) {
            throw new LoadException(spec.name() + " is a crash boot: it runs when the kernel panics; reboot a default boot");
        }
        if (backend.target() == Target.XEN) {
            throw new LoadException("systemctl kexec reboots through Linux's kexec, which a Xen dom0 cannot use: run exec");
        }
        if (!java.nio.file.Files.isDirectory(Path.of("/run/systemd/system"))) {
            throw new LoadException("systemd is not this host's init system, so nothing can stop services first: run exec"
                    + " to reboot at once");
        }
        // Loaded now, whatever is loaded: another boot's kernel, or this boot's from before an update.
        load();
        out.println("rebooting into the loaded kernel through systemd (systemctl kexec)");
        out.flush();
        try {
            Process systemctl = new ProcessBuilder("systemctl", "kexec").inheritIO().start();
            int exit = systemctl.waitFor();
            if (exit != 0) {
                throw new LoadException("systemctl kexec failed with exit status " + exit + " (its message is above)");
            }
        } catch (IOException e) {
            throw new LoadException("cannot run systemctl kexec: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while systemctl kexec ran");
        }
    }

    /** Unloads this boot's kind of image (the default image, or the armed crash image). */
    public void unload() throws LoadException {
        checkTarget();
        try {
            backend.unload(spec.kind());
            if (spec.kind() == BootKind.CRASH) {
                armedCrash.clear();
            }
            out.println("unloaded the " + (spec.kind() == BootKind.CRASH ? "crash" : "default") + " image");
        } catch (KexecException | IOException e) {
            throw new LoadException(e.getMessage());
        }
    }

    /** What is loaded on this host. */
    public KexecBackend.Status status() throws LoadException {
        try {
            return backend.status();
        } catch (KexecException e) {
            throw new LoadException(e.getMessage());
        }
    }

    /** One line for humans and scripts: what is loaded and how much memory is reserved for crash kernels. */
    public static String describe(KexecBackend.Status status) {
        return "default image " + (status.defaultLoaded() ? "loaded" : "not loaded") + ", crash image "
                + (status.crashLoaded() ? "armed" : "not armed") + ", crash region " + Sizes.human(status.crashSize());
    }

    /**
     * The load up to the backend call, which {@link #plan} prints and review pages draw: target, images, and a plan for
     * every path the load may take.
     */
    public DryRun dryRun() throws LoadException {
        checkTarget();
        KernelReleases.Chosen chosen;
        BootImages images;
        try {
            Optional<Violation> entry = EntryRules.check(spec);
            if (entry.isPresent()) {
                throw new ViolationException(entry.get());
            }
            chosen = KernelReleases.choose(spec, files, facts);
            // kexec_file_load alone reads no initrd the kernel is handed as its file on disk.
            images = BootImages.accept(chosen.spec(), files, LoadPaths.kexecLoad(chosen.spec(), backend.target()));
        } catch (ViolationException e) {
            throw new LoadException(spec.name() + " cannot be loaded: " + e.getMessage());
        }
        BootSpec boot = chosen.spec();
        String cmdline = CommandLines.compose(boot.cmdline(), boot.cmdline().reuseRunning() ? runningCmdline() : "",
                images.embeddedCmdline());
        List<String> chosenHere = new ArrayList<>();
        chosen.said().ifPresent(chosenHere::add);
        CommandLines.embeddedChoice(boot.kernel(), boot.cmdline(), images.embeddedCmdline())
                .ifPresent(choice -> chosenHere.add(choice.words()));
        Optional<FileLoad> fileLoad = Optional.empty();
        if (LoadPaths.fileLoad(boot, backend.target())) {
            try {
                // LoadPaths and EntryRules leave kexec_file_load to boots through the boot protocol: a bzImage.
                fileLoad = Optional.of(FileLoad.plan(boot, (BzImage) images.kernel(), images.initrds(), images.initrdOnDisk(),
                        cmdline));
            } catch (ViolationException e) {
                throw new LoadException(spec.name() + " cannot be loaded with kexec_file_load: " + e.getMessage());
            }
        }
        Optional<KexecPlan> kexecLoad = LoadPaths.kexecLoad(boot, backend.target())
                ? Optional.of(plan(boot, images, cmdline)) : Optional.empty();
        return new DryRun(boot, chosenHere, fileLoad, kexecLoad);
    }

    private void checkTarget() throws LoadException {
        if (spec.target() != backend.target()) {
            throw new LoadException(spec.name() + " is a boot for " + spec.target().keyword() + ", but this host kexecs through "
                    + backend.target().keyword() + (backend.target() == Target.XEN
                    ? " (a Xen PV dom0, where Linux's own kexec cannot work): write target xen" : ": write target linux"));
        }
    }

    private String runningCmdline() throws LoadException {
        try {
            return facts.runningCmdline();
        } catch (IOException e) {
            throw new LoadException("cannot read the running kernel's command line, which reuse running needs: "
                    + e.getMessage());
        }
    }

    private KexecPlan plan(BootSpec boot, BootImages images, String cmdline) throws LoadException {
        try {
            CrashSources crash = boot.kind() == BootKind.CRASH ? facts.crashSources() : CrashSources.none();
            return SegmentPlanner.plan(PlanInputs.of(boot, images.kernel(), images.initrds(), cmdline, facts.memoryMap(),
                    facts.bootParamsTemplate(), crash));
        } catch (IOException | MemoryMapFormatException e) {
            throw new LoadException("cannot read this host's memory map: " + e.getMessage());
        } catch (PlanException e) {
            throw new LoadException(spec.name() + " cannot be loaded" + (spec.loadMode() == LoadMode.AUTO
                    && backend.target() == Target.LINUX ? " with load auto's fallback kexec_load" : "") + " on this host: "
                    + e.getMessage());
        }
    }

    /** A backend call that may be refused. */
    private interface Call {
        void run() throws KexecException;
    }

    /** A refusal by the kernel or Xen, with the errno number for {@code load auto} to decide on (0 when none). */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int errno;

        Refused(String message, int errno) {
            super(message);
            this.errno = errno;
        }
    }

    /**
     * Runs a load; if the kernel refuses a crash load after freeing the crash image armed before (Linux frees it
     * first), arms the remembered one again and says so in the refusal.
     */
    private void handOver(Call call) throws LoadException, Refused {
        boolean crashArmedBefore = spec.kind() == BootKind.CRASH && status().crashLoaded();
        try {
            call.run();
        } catch (KexecException e) {
            throw new Refused(e.getMessage() + (crashArmedBefore ? rearm() : ""), e.errnoNumber());
        }
    }

    private String rearm() {
        try {
            if (backend.status().crashLoaded()) {
                return "\nThe crash kernel armed before is still armed.";
            }
            Optional<ArmedCrashRecord.Armed> previous = armedCrash.read();
            if (previous.isEmpty()) {
                return "\nThe kernel freed the crash kernel armed before, and kboot has no record of it: no crash kernel is"
                        + " armed now.";
            }
            ArmedCrashRecord.Armed armed = previous.get();
            new HostLoader(armed.spec(), new HostFiles(armed.base(), files.root()), facts, backend, stateDir, out).load();
            return "\nThe kernel freed the crash kernel armed before; kboot armed it again (" + armed.spec().name() + ").";
        } catch (LoadException | KexecException | IOException e) {
            return "\nThe kernel freed the crash kernel armed before, and arming it again failed: " + e.getMessage()
                    + "\nNo crash kernel is armed now.";
        }
    }

    /** Records the armed crash boot, with the images this host chose, for re-arming. */
    private void remember(BootSpec boot) {
        if (boot.kind() != BootKind.CRASH || !recordsArmedCrash) {
            return;
        }
        try {
            armedCrash.write(boot, files.base());
        } catch (IOException e) {
            out.println("warning: armed, but cannot record the armed crash boot for re-arming: " + e.getMessage());
        }
    }

    private static String lines(java.util.List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
