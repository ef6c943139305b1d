package org.kexec.runtime.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.backend.linux.LinuxBackend;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryMapSource;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.PlanReport;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;

/**
 * Runs inside a QEMU guest: plans a boot.json against the guest's own memory map, changes one byte of the initrd
 * after the digest was computed (as if memory had been overwritten between load and boot), loads it with kexec_load
 * through {@link LinuxBackend} and reboots into it.
 *
 * <p>Usage: GuestLoader BOOT_JSON
 */
public final class GuestLoader {

    private GuestLoader() {
    }

    public static void main(String[] args) throws Exception {
        Path specFile = Path.of(args[0]);
        BootSpec spec = BootSpecJson.read(Files.readString(specFile));
        BootImages images = BootImages.accept(spec, HostFiles.of(specFile.getParent()));
        String running = Files.readString(Path.of("/proc/cmdline")).strip();
        MemoryMap memory = MemoryMapSource.linuxHost().read();
        KexecPlan plan = SegmentPlanner.plan(PlanInputs.of(spec, images.kernel(), images.initrds(), CommandLines.compose(spec.cmdline(), running, images.embeddedCmdline()), memory, Optional.empty(), CrashSources.none()));
        PlanReport.table(spec.name(), plan).forEach(line -> System.out.println("KBOOT-E2E " + line));
        plan = corruptInitrd(plan);
        LinuxBackend backend = new LinuxBackend();
        backend.load(plan);
        System.out.println("KBOOT-E2E loaded " + backend.status());
        System.out.flush();
        backend.exec();
    }

    private static KexecPlan corruptInitrd(KexecPlan plan) {
        List<Segment> segments = new ArrayList<>();
        for (Segment segment : plan.segments()) {
            if (segment.role().startsWith("initrd")) {
                byte[] changed = segment.bytes();
                changed[changed.length / 2] ^= 0x01;
                segment = Segment.of(segment.role(), segment.source(), changed, segment.mem(), segment.memsz());
                System.out.println("KBOOT-E2E corrupted " + segment);
            }
            segments.add(segment);
        }
        return new KexecPlan(plan.target(), plan.kind(), segments, plan.entry(), plan.flags(), plan.registers(),
                plan.cmdline(), plan.digest());
    }
}
