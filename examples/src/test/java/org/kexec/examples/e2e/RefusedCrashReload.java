package org.kexec.examples.e2e;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.backend.linux.LinuxBackend;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.LinuxHostFacts;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;

/**
 * Runs in a guest where a crash boot is armed: reloads it with its kernel segment moved out of the crash region,
 * which the kernel refuses (EADDRNOTAVAIL) only after freeing the armed image, and prints what the loader reported
 * and what is armed afterwards.
 *
 * <p>Usage: RefusedCrashReload BOOT_JSON BASE
 */
public final class RefusedCrashReload {

    private RefusedCrashReload() {
    }

    public static void main(String[] args) throws Exception {
        BootSpec spec = BootSpecJson.read(Files.readString(Path.of(args[0])));
        Path base = Path.of(args[1]);
        LinuxHostFacts host = new LinuxHostFacts();
        BootImages images = BootImages.accept(spec, HostFiles.of(base));
        KexecPlan plan = SegmentPlanner.plan(PlanInputs.of(spec, images.kernel(), images.initrds(),
                CommandLines.compose(spec.cmdline(), host.runningCmdline(), Optional.empty()), host.memoryMap(), Optional.empty(),
                host.crashSources()));
        List<Segment> moved = new ArrayList<>();
        for (Segment segment : plan.segments()) {
            moved.add(segment.role().equals("kernel")
                    ? new Segment(segment.role(), segment.source(), segment.buf(), 0x1000000, segment.memsz()) : segment);
        }
        KexecPlan outside = new KexecPlan(plan.target(), plan.kind(), moved, plan.entry(), plan.flags(), plan.registers(),
                plan.cmdline(), plan.digest());
        PrintWriter out = new PrintWriter(System.out, true);
        HostLoader loader = new HostLoader(spec, HostFiles.of(base), host, new LinuxBackend(), Path.of("/run/kboot"), out);
        try {
            loader.load(outside);
            out.println("KBOOT-E2E reload was not refused");
        } catch (HostLoader.LoadException e) {
            out.println("KBOOT-E2E reload refused: " + e.getMessage());
        }
        out.println("KBOOT-E2E after the refused reload: " + HostLoader.describe(loader.status()));
    }
}
