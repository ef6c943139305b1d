package org.kexec.generator.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.units.Sizes;

/**
 * What a change to the specs does to one boot: the settings that changed and what that does to the plan (segments
 * moved, grown or gone, command-line parameters added or removed, the verdict), with the changes that weaken a boot's
 * security flagged as risky: a signature requirement or a pinned digest dropped, trust anchors changed, the purgatory
 * hash set to none, lockdown removed, the kernel's own signature check given up (kexec_file_load to kexec_load), and
 * a boot that planned before and is refused now (a crash region that no longer fits).
 *
 * @param name    the boot's qualified name
 * @param before  the boot in the base, if it was there
 * @param after   the boot now, if it is still there
 * @param risks   the risky changes, one sentence each
 * @param changes every other change, one sentence each
 */
public record BootComparison(String name, Optional<ReviewedBoot> before, Optional<ReviewedBoot> after, List<String> risks,
                             List<String> changes) {

    public BootComparison {
        risks = List.copyOf(risks);
        changes = List.copyOf(changes);
    }

    /** Every boot of the base and of the change, by name: the base's order, then the boots added. */
    public static List<BootComparison> compare(List<ReviewedBoot> base, List<ReviewedBoot> changed) {
        Map<String, ReviewedBoot> before = byName(base);
        Map<String, ReviewedBoot> after = byName(changed);
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<BootComparison> comparisons = new ArrayList<>();
        for (String name : names) {
            comparisons.add(compare(name, Optional.ofNullable(before.get(name)), Optional.ofNullable(after.get(name))));
        }
        return comparisons;
    }

    /** How the boot changed: {@code added}, {@code removed}, {@code changed} or {@code unchanged}. */
    public String status() {
        return before.isEmpty() ? "added" : after.isEmpty() ? "removed" : risks.isEmpty() && changes.isEmpty() ? "unchanged"
                : "changed";
    }

    public boolean risky() {
        return !risks.isEmpty();
    }

    private static BootComparison compare(String name, Optional<ReviewedBoot> before, Optional<ReviewedBoot> after) {
        List<String> risks = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        if (before.isPresent() && after.isPresent()) {
            settings(before.get(), after.get(), changes);
            security(before.get().spec(), after.get().spec(), risks);
            plan(before.get(), after.get(), risks, changes);
        }
        return new BootComparison(name, before, after, risks, changes);
    }

    private static void settings(ReviewedBoot before, ReviewedBoot after, List<String> changes) {
        Map<String, String> old = new LinkedHashMap<>();
        before.settings().forEach(s -> old.put(s.name(), s.value()));
        Map<String, String> now = new LinkedHashMap<>();
        after.settings().forEach(s -> now.put(s.name(), s.value()));
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, String> setting : now.entrySet()) {
            String was = old.get(setting.getKey());
            if (was == null) {
                added.add(setting.getKey() + " " + setting.getValue());
            } else if (!was.equals(setting.getValue())) {
                changes.add(setting.getKey() + ": " + was + " → " + setting.getValue() + ".");
            }
        }
        List<String> gone = old.entrySet().stream().filter(setting -> !now.containsKey(setting.getKey()))
                .map(setting -> setting.getKey() + " " + setting.getValue()).toList();
        if (!added.isEmpty()) {
            changes.add("Settings now in effect: " + String.join("; ", added) + ".");
        }
        if (!gone.isEmpty()) {
            changes.add("Settings no longer in effect: " + String.join("; ", gone) + ".");
        }
    }

    private static void security(BootSpec before, BootSpec after, List<String> risks) {
        image(before.kernel(), after.kernel(), risks);
        for (ImageSpec initrd : after.initrds()) {
            before.initrds().stream().filter(old -> old.name().equals(initrd.name())).findFirst()
                    .ifPresent(old -> image(old, initrd, risks));
        }
        if (before.purgatory().hash() != HashAlgorithm.NONE && after.purgatory().hash() == HashAlgorithm.NONE
                && after.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
            risks.add("The purgatory hash is now none: the purgatory no longer verifies the loaded segments"
                    + " (was " + before.purgatory().hash().keyword() + ").");
        }
        if (before.lockdown() && !after.lockdown()) {
            risks.add("lockdown was removed from the target: the boot no longer assumes Secure Boot's kernel lockdown.");
        }
        if (before.loadMode() == LoadMode.KEXEC_FILE_LOAD && after.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
            risks.add("load " + after.loadMode().keyword() + " instead of kexec_file_load: "
                    + (after.loadMode() == LoadMode.AUTO ? "when kexec_file_load refuses, " : "")
                    + "the kernel no longer verifies the kernel's signature itself.");
        }
    }

    private static void image(ImageSpec before, ImageSpec after, List<String> risks) {
        String what = after.role().keyword() + " " + after.name();
        if (before.signatureRequired() && !after.signatureRequired()) {
            risks.add("The signature requirement of " + what + " was dropped (was signed by " + anchors(before) + ").");
        } else if (before.signatureRequired() && !anchors(before).equals(anchors(after))) {
            risks.add("The trust anchors of " + what + " changed: " + anchors(before) + " → " + anchors(after) + ".");
        }
        if (before.digest().isPresent() && after.digest().isEmpty()) {
            risks.add("The pinned digest of " + what + " was dropped (was " + before.digest().get() + ").");
        }
    }

    private static String anchors(ImageSpec image) {
        return String.join(", ", image.signers().stream().map(anchor -> anchor.name() + " (" + anchor.certificate() + ")").toList());
    }

    private static void plan(ReviewedBoot before, ReviewedBoot after, List<String> risks, List<String> changes) {
        ReviewedBoot.Plan old = before.plan();
        ReviewedBoot.Plan now = after.plan();
        if (old.dryRun().isPresent() && now.refusal().isPresent()) {
            risks.add("The boot planned before and is refused now: " + now.refusal().get().lines().findFirst().orElse(""));
            return;
        }
        if (!old.verdict().equals(now.verdict())) {
            changes.add("Plan: " + old.verdict() + " → " + now.verdict() + ".");
        }
        if (before.plannedCmdline().isPresent() && after.plannedCmdline().isPresent()) {
            cmdline(before.plannedCmdline().get(), after.plannedCmdline().get(), changes);
        } else {
            cmdline(before.spec().cmdline().literal(), after.spec().cmdline().literal(), changes);
        }
        Optional<KexecPlan> oldPlan = old.dryRun().flatMap(HostLoader.DryRun::kexecLoad);
        Optional<KexecPlan> newPlan = now.dryRun().flatMap(HostLoader.DryRun::kexecLoad);
        if (oldPlan.isPresent() && newPlan.isPresent()) {
            segments(oldPlan.get(), newPlan.get(), changes);
            HashAlgorithm oldHash = oldPlan.get().digest().algorithm();
            HashAlgorithm newHash = newPlan.get().digest().algorithm();
            if (oldHash != newHash) {
                changes.add("Plan: the purgatory verifies with " + newHash.keyword() + " instead of " + oldHash.keyword() + ".");
            } else if (!Arrays.equals(oldPlan.get().digest().value(), newPlan.get().digest().value())) {
                changes.add("Plan: the bytes loaded changed, and with them the " + newHash.keyword() + " digest the purgatory verifies.");
            }
        }
    }

    private static void cmdline(String before, String after, List<String> changes) {
        List<String> old = words(before);
        List<String> now = words(after);
        List<String> added = now.stream().filter(word -> !old.contains(word)).toList();
        List<String> removed = old.stream().filter(word -> !now.contains(word)).toList();
        if (!added.isEmpty()) {
            changes.add("Command line: added " + String.join(" ", added) + ".");
        }
        if (!removed.isEmpty()) {
            changes.add("Command line: removed " + String.join(" ", removed) + ".");
        }
        if (added.isEmpty() && removed.isEmpty() && !old.equals(now)) {
            changes.add("Command line: the same parameters in another order.");
        }
    }

    private static List<String> words(String cmdline) {
        return cmdline.isBlank() ? List.of() : List.of(cmdline.strip().split("\\s+"));
    }

    private static void segments(KexecPlan before, KexecPlan after, List<String> changes) {
        Map<String, Segment> old = new LinkedHashMap<>();
        before.segments().forEach(s -> old.putIfAbsent(s.role(), s));
        Map<String, Segment> now = new LinkedHashMap<>();
        after.segments().forEach(s -> now.putIfAbsent(s.role(), s));
        for (Segment segment : now.values()) {
            Segment was = old.get(segment.role());
            if (was == null) {
                changes.add("Plan: new segment " + segment.role() + " at " + Sizes.hex(segment.mem()) + " ("
                        + MemoryMapPicture.size(segment.memsz()) + ").");
                continue;
            }
            if (was.mem() != segment.mem()) {
                changes.add("Plan: segment " + segment.role() + " moved from " + Sizes.hex(was.mem()) + " to "
                        + Sizes.hex(segment.mem()) + ".");
            }
            if (was.memsz() != segment.memsz()) {
                changes.add("Plan: segment " + segment.role() + (segment.memsz() > was.memsz() ? " grew" : " shrank") + " from "
                        + MemoryMapPicture.size(was.memsz()) + " to " + MemoryMapPicture.size(segment.memsz()) + ".");
            }
        }
        old.keySet().stream().filter(role -> !now.containsKey(role))
                .forEach(role -> changes.add("Plan: segment " + role + " is gone."));
    }

    private static Map<String, ReviewedBoot> byName(List<ReviewedBoot> boots) {
        Map<String, ReviewedBoot> byName = new LinkedHashMap<>();
        boots.forEach(boot -> byName.put(boot.spec().name(), boot));
        return byName;
    }
}
