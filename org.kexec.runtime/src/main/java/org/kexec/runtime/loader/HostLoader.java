package org.kexec.runtime.loader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kexec.runtime.backend.FileLoad;
import org.kexec.runtime.backend.KexecBackend;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.image.BootImages;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapFormatException;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.Errno;
import org.kexec.runtime.plan.FileLoadRules;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanException;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.PlanInputs.NamedBytes;
import org.kexec.runtime.plan.PlanReport;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.units.Sizes;

/**
 * Carries one boot from its spec to the kexec system of this host: reads each image once (checking pinned digests
 * and required signatures on those bytes), plans against the host's memory map or checks what kexec_file_load would
 * refuse, and hands exactly the checked bytes to the backend. Every refusal, kboot's or the kernel's, arrives as one
 * {@link LoadException} whose message says what and why; nothing is loaded half.
 */
public final class HostLoader {

    /** Errnos after which {@code load auto} tries kexec_load: the kernel lacks kexec_file_load or cannot parse the image. */
    private static final Set<Errno> FALLBACK_ERRNOS = Set.of(Errno.ENOSYS, Errno.ENOEXEC, Errno.EINVAL);

    /** Why a boot was not loaded, executed, unloaded or planned; the message is complete. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadException(String message) {
            super(message);
        }
    }

    private final BootSpec spec;
    private final Path base;
    private final KexecBackend backend;
    private final Path stateDir;
    private final ArmedCrashRecord armedCrash;
    private final PrintWriter out;

    /**
     * @param base     folder the spec's relative image paths start from
     * @param stateDir folder for what must survive between loader runs until the next boot (the armed crash boot)
     * @param out      where progress and plans are printed
     */
    public HostLoader(BootSpec spec, Path base, KexecBackend backend, Path stateDir, PrintWriter out) {
        this.spec = spec;
        this.base = base;
        this.backend = backend;
        this.stateDir = stateDir;
        this.armedCrash = new ArmedCrashRecord(stateDir);
        this.out = out;
    }

    /** A dry run: reads, verifies and plans as {@link #load()} would, and prints the result; loads nothing. */
    public void plan() throws LoadException {
        checkTarget();
        BootImages images = read();
        if (usesFileLoad()) {
            FileLoad load = fileLoad(images);
            out.println("plan for " + spec.name() + ": kexec_file_load; the kernel places the segments itself");
            describe(load).forEach(line -> out.println("  " + line));
        } else {
            PlanReport.table(spec.name(), plan(images)).forEach(out::println);
        }
    }

    /** Loads the boot (or arms it, for crash boots). */
    public void load() throws LoadException {
        checkTarget();
        BootImages images = read();
        if (usesFileLoad()) {
            FileLoad load = fileLoad(images);
            try {
                handOver(() -> backend.loadFile(load));
                out.println("loaded " + spec.name() + " with kexec_file_load");
                describe(load).forEach(line -> out.println("  " + line));
                remember();
                return;
            } catch (Refused e) {
                if (spec.loadMode() != LoadMode.AUTO || !FALLBACK_ERRNOS.contains(e.errno)) {
                    throw new LoadException(e.getMessage());
                }
                out.println("kexec_file_load refused the boot (" + e.errno.name() + "); load auto falls back to kexec_load");
            }
        }
        KexecPlan plan = plan(images);
        load(plan);
    }

    /**
     * Hands a plan of this boot to the backend. Public so that a plan changed after planning (a test of the
     * kernel's own checks) takes the same path, re-arming included.
     */
    public void load(KexecPlan plan) throws LoadException {
        PlanReport.table(spec.name(), plan).forEach(out::println);
        try {
            handOver(() -> backend.load(plan));
        } catch (Refused e) {
            throw new LoadException(e.getMessage());
        }
        out.println("loaded " + spec.name() + " with " + (backend.target() == Target.XEN ? "Xen's kexec hypercall" : "kexec_load")
                + ": " + plan.segments().size() + " segments, entry " + Sizes.hex(plan.entry()) + ", flags " + Sizes.hex(plan.flags()));
        remember();
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

    private boolean usesFileLoad() {
        return backend.target() == Target.LINUX && spec.loadMode() != LoadMode.KEXEC_LOAD;
    }

    private void checkTarget() throws LoadException {
        if (spec.target() != backend.target()) {
            throw new LoadException(spec.name() + " is a boot for " + spec.target().keyword() + ", but this host kexecs through "
                    + backend.target().keyword() + (backend.target() == Target.XEN
                    ? " (a Xen PV dom0, where Linux's own kexec cannot work): write target xen" : ": write target linux"));
        }
    }

    private BootImages read() throws LoadException {
        try {
            return BootImages.read(spec, base, Optional.empty());
        } catch (BootImages.ImageException e) {
            throw new LoadException(e.getMessage());
        }
    }

    private String runningCmdline() throws LoadException {
        try {
            return Files.readString(Path.of("/proc/cmdline"), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new LoadException("cannot read /proc/cmdline, which reuse running needs: " + e.getMessage());
        }
    }

    private KexecPlan plan(BootImages images) throws LoadException {
        try {
            MemoryMap memory = backend.memoryMap().read();
            CrashSources crash = spec.kind() == BootKind.CRASH ? backend.crashSources() : CrashSources.none();
            return SegmentPlanner.plan(PlanInputs.of(spec, images, memory, runningCmdline(), bootParamsTemplate(), crash));
        } catch (IOException | MemoryMapFormatException e) {
            throw new LoadException("cannot read this host's memory map: " + e.getMessage());
        } catch (PlanException e) {
            throw new LoadException(spec.name() + " cannot be loaded on this host: " + e.getMessage());
        }
    }

    /**
     * The running kernel's boot_params ({@code /sys/kernel/boot_params/data}), whose firmware fields (ACPI RSDP, EFI
     * tables) the next kernel needs; under Xen dom0's are not the machine's, and there are none.
     */
    private Optional<byte[]> bootParamsTemplate() {
        Path data = Path.of("/sys/kernel/boot_params/data");
        if (backend.target() == Target.XEN || !Files.isReadable(data)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private FileLoad fileLoad(BootImages images) throws LoadException {
        String cmdline = CommandLines.compose(spec.cmdline(), runningCmdline());
        try {
            FileLoadRules.check(images.kernel(), cmdline);
        } catch (PlanException e) {
            throw new LoadException(spec.name() + " cannot be loaded with kexec_file_load: " + e.getMessage());
        }
        Optional<NamedBytes> initrd = Optional.empty();
        if (!images.initrds().isEmpty()) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            images.initrds().forEach(i -> joined.writeBytes(i.bytes()));
            initrd = Optional.of(new NamedBytes(String.join(" + ", images.initrds().stream().map(NamedBytes::name).toList()),
                    joined.toByteArray()));
        }
        return new FileLoad(spec.kind(), new NamedBytes(spec.kernel().path(), images.kernel().bytes()), initrd, cmdline);
    }

    private static List<String> describe(FileLoad load) {
        return List.of("kernel " + load.kernel().name() + " (" + load.kernel().bytes().length + " bytes)",
                load.initrd().map(i -> "initrd " + i.name() + " (" + i.bytes().length + " bytes)").orElse("no initrd"),
                "cmdline \"" + load.cmdline() + "\"", "kind " + load.kind().keyword());
    }

    /** A backend call that may be refused. */
    private interface Call {
        void run() throws KexecException;
    }

    /** A refusal by the kernel or Xen, with the errno for {@code load auto} to decide on. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Errno errno;

        Refused(String message, Errno errno) {
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
            throw new Refused(e.getMessage() + (crashArmedBefore ? rearm() : ""), e.errno());
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
            new HostLoader(armed.spec(), armed.base(), backend, stateDir, out).load();
            return "\nThe kernel freed the crash kernel armed before; kboot armed it again (" + armed.spec().name() + ").";
        } catch (LoadException | KexecException | IOException e) {
            return "\nThe kernel freed the crash kernel armed before, and arming it again failed: " + e.getMessage()
                    + "\nNo crash kernel is armed now.";
        }
    }

    private void remember() {
        if (spec.kind() != BootKind.CRASH) {
            return;
        }
        try {
            armedCrash.write(spec, base);
        } catch (IOException e) {
            out.println("warning: armed, but cannot record the armed crash boot for re-arming: " + e.getMessage());
        }
    }
}
