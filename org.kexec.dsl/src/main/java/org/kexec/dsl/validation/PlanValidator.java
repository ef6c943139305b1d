package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.MemmapSource;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.model.CompileTimeImages;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.model.MemoryMaps;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.image.BootKernel;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.KernelFile;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.LoadPaths;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.rules.CommandLineRules;
import org.kexec.runtime.rules.EntryRules;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageSpec;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__ENTRY;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KERNEL;
import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;

/**
 * The loader's own acceptance and dry run, on what is known at compile time: the images present (their pins,
 * required signatures with the anchors present, and the kernel rules), the command line against the kernel's
 * cmdline_size, and, with every image and the memory map there, the whole plan of each path the load may take.
 * Nothing here is a rule of its own: every verdict and every word comes from the runtime ({@code BootImages},
 * {@code FileLoad}, {@code SegmentPlanner}), so {@code check}, {@code plan} and {@code load} cannot disagree. The
 * command-line characters and the segment count are reported per part by {@link CmdlineValidator} and
 * {@link BootValidator}, a crash region missing from the memory map by {@link CrashValidator}, and each image's own
 * verdict on its declaration by {@link ImageValidator}, with the same runtime functions; a boot whose images are
 * refused is not planned, as the loader would not plan it.
 */
public class PlanValidator extends BootRules {

    /** Rules whose violations the validators report from the model alone, where they are written. */
    private static final Set<Rule> REPORTED_FROM_MODEL = Set.of(Rule.CMDLINE_CHARACTER, Rule.SEGMENT_COUNT,
            Rule.NO_CRASH_REGION);

    @Inject
    private ImageFiles files;

    @Inject
    private MemoryMaps memoryMaps;

    @Inject
    private BootSpecConverter converter;

    @Check(CheckType.NORMAL)
    public void checkBootLoads(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        BootSpec spec;
        try {
            spec = converter.convert(boot);
        } catch (RuntimeException e) {
            return;
        }
        Optional<Violation> entry = EntryRules.check(spec);
        if (entry.isPresent()) {
            Boot owner = effective.declaring(b -> b, BOOT__ENTRY).orElse(boot);
            errorAt(boot, owner, BOOT__ENTRY, entry.get().describe(), entry.get().rule().code());
            return;
        }
        CompileTimeImages source = new CompileTimeImages(boot, files);
        if (effective.kernel().isEmpty() || !source.isHere(effective.kernel().get())) {
            return;
        }
        KernelFile kernelFile;
        try {
            kernelFile = BootImages.acceptKernelImage(spec.kernel(), source, Optional.of(spec.entry()));
        } catch (BootImages.ImageException e) {
            reportEntryRefusal(boot, effective, spec, source, e);
            return;
        }
        List<NamedBytes> initrds = new ArrayList<>();
        boolean allInitrds = true;
        try {
            initrds.addAll(BootImages.embeddedInitrd(spec.kernel(), kernelFile));
            for (int i = 0; i < spec.initrds().size(); i++) {
                ImageSpec initrd = spec.initrds().get(i);
                if (source.isHere(effective.initrds().get(i))) {
                    initrds.add(new NamedBytes(initrd.path(), BootImages.acceptInitrd(initrd, source)));
                } else {
                    allInitrds = false;
                }
            }
        } catch (BootImages.ImageException e) {
            return;
        }
        BootKernel kernel = kernelFile.kernel();
        try {
            KernelRules.checkPlacement(spec.kernel().path(), kernel, spec.placement().addressOf(spec.kernel().name()));
        } catch (ViolationException e) {
            Boot owner = effective.declaring(b -> b, BOOT__KERNEL).orElse(boot);
            errorAt(boot, owner, BOOT__KERNEL, e.violation().describe(), e.violation().rule().code());
            return;
        }
        try {
            CommandLines.embeddedChoice(spec.kernel(), spec.cmdline(), kernelFile.embeddedCmdline())
                    .filter(CommandLines.EmbeddedChoice::signedReplaced)
                    .ifPresent(choice -> warning(choice.words(), boot, ELEMENT__NAME, IssueCodes.UKI_SIGNED_CMDLINE_REPLACED));
            String cmdline = CommandLines.compose(spec.cmdline(), "", kernelFile.embeddedCmdline());
            if (LoadPaths.fileLoad(spec, spec.target())) {
                // EntryRules and LoadPaths leave kexec_file_load to boots through the boot protocol: a bzImage.
                FileLoad.plan(spec, (BzImage) kernel, initrds, Optional.empty(), cmdline);
            }
            if (LoadPaths.kexecLoad(spec, spec.target())) {
                Optional<MemoryMap> map = effective.<Placement, MemmapSource>value(Boot::getPlacement, PLACEMENT__MEMMAP)
                        .flatMap(memmap -> memoryMaps.load(memmap).map());
                if (allInitrds && map.isPresent()) {
                    SegmentPlanner.check(PlanInputs.of(spec, kernel, initrds, cmdline, map.get(), Optional.empty(),
                            CrashSources.none()));
                } else {
                    Optional<Violation> refused = CommandLineRules.check(cmdline, Optional.of(spec.kernel().path()),
                            OptionalLong.of(kernel.cmdlineSize()), spec.kind() == BootKind.CRASH);
                    if (refused.isPresent()) {
                        throw new ViolationException(refused.get());
                    }
                }
            }
        } catch (ViolationException e) {
            report(boot, e.violation());
        }
    }

    /**
     * A kernel refused for this boot's entry but accepted on its own (a bzImage without a PVH note under
     * {@code entry pvh}, a vmlinux without it): {@link ImageValidator} reports what the file breaks whatever boots it,
     * this what it breaks for this boot, at the boot's entry.
     */
    private void reportEntryRefusal(Boot boot, EffectiveBoot effective, BootSpec spec, CompileTimeImages source,
                                    BootImages.ImageException refusal) {
        try {
            BootImages.acceptKernelImage(spec.kernel(), source, Optional.empty());
        } catch (BootImages.ImageException e) {
            return;
        }
        Boot owner = effective.declaring(b -> b, BOOT__ENTRY).orElse(effective.declaring(b -> b, BOOT__KERNEL).orElse(boot));
        errorAt(boot, owner, owner.eIsSet(BOOT__ENTRY) ? BOOT__ENTRY : BOOT__KERNEL, refusal.violation().describe(),
                refusal.violation().rule().code());
    }

    private void report(Boot boot, Violation violation) {
        if (!REPORTED_FROM_MODEL.contains(violation.rule())) {
            error(violation.describe(), boot, ELEMENT__NAME, violation.rule().code());
        }
    }
}
