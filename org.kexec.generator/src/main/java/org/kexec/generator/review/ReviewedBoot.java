package org.kexec.generator.review;

import java.util.List;
import java.util.Optional;
import org.kexec.generator.Diagnostic;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.spec.BootSpec;

/**
 * Everything a review page shows of one boot, gathered before anything is rendered: the resolved spec with where
 * each setting came from, what {@code check} said about it, and the loader's own dry run against the boot's memory
 * map. Review pages and comparisons are pure functions of it.
 *
 * @param spec        the resolved boot
 * @param declaredAt  {@code file:line} of the boot's declaration, the file relative to the folder reviewed
 * @param settings    every setting as it takes effect, in the order of the language reference
 * @param hostDecides what the host decides and the review cannot know (reuse running, absent images), one sentence each
 * @param findings    the warnings and infos of {@code check} on the boot, its parents and its images
 * @param memmap      the memory map planned against ({@code profile qemu-1g}, {@code file host.iomem}), if the boot names one
 * @param plan        the dry run, or why there is none
 */
public record ReviewedBoot(BootSpec spec, String declaredAt, List<Setting> settings, List<String> hostDecides,
                           List<Diagnostic> findings, Optional<Memmap> memmap, Plan plan) {

    public ReviewedBoot {
        settings = List.copyOf(settings);
        hostDecides = List.copyOf(hostDecides);
        findings = List.copyOf(findings);
    }

    /**
     * One setting as it takes effect.
     *
     * @param name   the setting as the language writes it ({@code purgatory hash}, {@code crash reservation})
     * @param value  its value as the language writes it
     * @param origin where it was declared ({@code lab.kboot:12 (fleet.lab.lab_kernel)}), or {@code default}
     */
    public record Setting(String name, String value, String origin) {
    }

    /** The memory map a boot was planned against: how the spec names it, and the map. */
    public record Memmap(String description, MemoryMap map) {
    }

    /**
     * The loader's dry run of the boot, or the loader's refusal in its own words, or why the review could not plan
     * (no memory map named): exactly one is present.
     */
    public record Plan(Optional<HostLoader.DryRun> dryRun, Optional<String> refusal, Optional<String> notPlanned) {

        public static Plan planned(HostLoader.DryRun dryRun) {
            return new Plan(Optional.of(dryRun), Optional.empty(), Optional.empty());
        }

        public static Plan refused(String message) {
            return new Plan(Optional.empty(), Optional.of(message), Optional.empty());
        }

        public static Plan notPlanned(String why) {
            return new Plan(Optional.empty(), Optional.empty(), Optional.of(why));
        }

        /** One word for tables: {@code plans}, {@code refused} or {@code not planned}. */
        public String verdict() {
            return dryRun.isPresent() ? "plans" : refusal.isPresent() ? "refused" : "not planned";
        }
    }

    /** The command line the kernel receives, as planned; empty when nothing was planned. */
    public Optional<String> plannedCmdline() {
        return plan.dryRun().flatMap(run -> run.fileLoad().map(load -> load.cmdline())
                .or(() -> run.kexecLoad().map(load -> load.cmdline())));
    }
}
