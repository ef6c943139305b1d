package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.HashAlgorithm;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.ImageRole;
import org.kexec.dsl.kboot.LoadMode;
import org.kexec.dsl.kboot.Purgatory;
import org.kexec.dsl.kboot.Target;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.dsl.spec.RuntimeEnums;
import org.kexec.runtime.host.KernelReleases;
import org.kexec.runtime.plan.SegmentBudget;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__INITRDS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__KERNEL;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__LOAD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__TARGET;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__NO_BACKUP;
import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__FIXED;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__CONSOLE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__HASH;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PURGATORY__REGISTERS;

/**
 * Rules on a boot as a whole, on its effective settings (inheritance applied): it has a kernel, references name
 * images of the right role, the load mode fits the target and the hash, lockdown, and the segment count (with the
 * runtime's {@code SegmentBudget}, as the planner counts).
 */
public class BootValidator extends BootRules {

    @Inject
    private BootSpecConverter converter;

    @Check
    public void checkBootHasKernel(Boot boot) {
        if (EffectiveBoot.of(boot).kernel().isEmpty() && !hasUnresolvedKernel(boot)) {
            error("Boot '" + boot.getName() + "' has no kernel: add 'kernel <image>', or extend a boot that has one.",
                    boot, ELEMENT__NAME, IssueCodes.MISSING_KERNEL);
        }
    }

    /** An initrd that names {release} follows the boot's kernel, which must name one too (the runtime's rule). */
    @Check
    public void checkInitrdsFollowTheKernelRelease(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.kernel().isEmpty() || effective.kernel().get().eIsProxy() || effective.kernel().get().getPath() == null
                || effective.initrds().stream().anyMatch(i -> i.eIsProxy() || i.getPath() == null)) {
            return;
        }
        org.kexec.runtime.spec.BootSpec spec;
        try {
            spec = converter.convert(boot);
        } catch (RuntimeException e) {
            return;
        }
        KernelReleases.check(spec).ifPresent(violation -> errorAt(boot, effective.declaring(b -> b, BOOT__INITRDS).orElse(boot),
                BOOT__INITRDS, violation.describe(), violation.rule().code()));
    }

    @Check
    public void checkImageRoles(Boot boot) {
        Image kernel = boot.getKernel();
        if (kernel != null && !kernel.eIsProxy() && kernel.getRole() != ImageRole.KERNEL) {
            error("'" + kernel.getName() + "' is an initrd image; 'kernel' needs a kernel image.", boot, BOOT__KERNEL,
                    IssueCodes.WRONG_IMAGE_ROLE);
        }
        for (int i = 0; i < boot.getInitrds().size(); i++) {
            Image initrd = boot.getInitrds().get(i);
            if (!initrd.eIsProxy() && initrd.getRole() != ImageRole.INITRD) {
                error("'" + initrd.getName() + "' is a kernel image; 'initrd' needs an initrd image.", boot, BOOT__INITRDS, i,
                        IssueCodes.WRONG_IMAGE_ROLE);
            }
        }
    }

    @Check
    public void checkFileLoadNotOnXen(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.target() == Target.XEN && effective.load() == LoadMode.KEXEC_FILE_LOAD) {
            reportOnLoad(boot, effective, false, "Xen has no kexec_file_load (and calling it under a Xen dom0"
                    + " crashes the kernel): use 'load kexec_load', which boots through kboot's purgatory.",
                    IssueCodes.FILE_LOAD_ON_XEN, "kexec_load");
        }
    }

    @Check
    public void checkFileLoadHashIsSha256(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        Optional<Purgatory> hashOwner = effective.declaring(Boot::getPurgatory, PURGATORY__HASH);
        if (hashOwner.isEmpty() || effective.hash() == HashAlgorithm.SHA256) {
            return;
        }
        String hash = effective.hash().getLiteral();
        if (effective.load() == LoadMode.KEXEC_FILE_LOAD) {
            errorAt(boot, hashOwner.get(), PURGATORY__HASH, "kexec_file_load boots through the kernel's own purgatory,"
                    + " which always verifies with sha256: use 'load kexec_load' for " + hash + ", or 'hash sha256'.",
                    IssueCodes.FILE_LOAD_HASH);
        } else if (effective.load() == LoadMode.AUTO && effective.target() == Target.LINUX) {
            warningAt(boot, hashOwner.get(), PURGATORY__HASH, "With 'load auto', " + hash + " applies only when kboot"
                    + " falls back to kexec_load; kexec_file_load verifies with sha256. Choose 'load kexec_load' to always"
                    + " use " + hash + ".", IssueCodes.FILE_LOAD_HASH);
        }
    }

    @Check
    public void checkFileLoadHasNoPurgatorySettings(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.load() != LoadMode.KEXEC_FILE_LOAD) {
            return;
        }
        for (Purgatory purgatory : effective.purgatoryBlocks()) {
            for (EStructuralFeature feature : List.of(PURGATORY__REGISTERS, PURGATORY__CONSOLE)) {
                if (Declarations.isDeclared(purgatory, feature)) {
                    errorAt(boot, purgatory, feature, "kexec_file_load boots through the kernel's own purgatory, which"
                            + " takes no " + (feature == PURGATORY__CONSOLE ? "console" : "entry registers")
                            + " from kboot: remove them, or use 'load kexec_load'.", IssueCodes.FILE_LOAD_PURGATORY);
                    return;
                }
            }
        }
    }

    @Check
    public void checkFileLoadHasNoFixedPlacement(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.load() == LoadMode.KEXEC_FILE_LOAD && !effective.fixedPlacements().isEmpty()) {
            EObject placed = effective.fixedPlacements().values().iterator().next();
            errorAt(boot, placed.eContainer(), PLACEMENT__FIXED, "kexec_file_load lets the kernel choose every"
                    + " address: remove the fixed addresses, or use 'load kexec_load'.", IssueCodes.FILE_LOAD_PLACEMENT);
        }
    }

    @Check
    public void checkLockdownAllowsLoadMode(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (!effective.lockdown() || effective.target() != Target.LINUX) {
            return;
        }
        if (effective.load() == LoadMode.KEXEC_LOAD) {
            reportOnLoad(boot, effective, false, "Under lockdown the kernel refuses kexec_load (EPERM): use"
                    + " 'load kexec_file_load' with a kernel signed by a key the kernel trusts.", IssueCodes.LOCKDOWN_KEXEC_LOAD,
                    "kexec_file_load");
        } else if (effective.load() == LoadMode.AUTO) {
            reportOnLoad(boot, effective, true, "Under lockdown the fallback to kexec_load is refused (EPERM): only"
                    + " kexec_file_load can succeed, so say 'load kexec_file_load'.", IssueCodes.LOCKDOWN_KEXEC_LOAD,
                    "kexec_file_load");
        }
    }

    @Check
    public void checkSegmentCount(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.load() == LoadMode.KEXEC_FILE_LOAD) {
            return;
        }
        org.kexec.runtime.spec.Target target = RuntimeEnums.convert(effective.target(), org.kexec.runtime.spec.Target.class);
        List<String> initrds = new ArrayList<>();
        for (Image initrd : effective.initrds()) {
            initrds.add(initrd.getName());
        }
        boolean backup = effective.crashBlocks().stream().noneMatch(c -> Declarations.isDeclared(c, CRASH__NO_BACKUP));
        List<String> segments = SegmentBudget.segments(target, RuntimeEnums.convert(effective.kind(), org.kexec.runtime.spec.BootKind.class),
                RuntimeEnums.convert(effective.entry(), org.kexec.runtime.spec.KernelEntry.class), initrds, backup, List.of());
        SegmentBudget.check(target, segments).ifPresent(violation -> error(violation.describe(), boot, ELEMENT__NAME,
                violation.rule().code()));
    }

    /**
     * Reports a rule about the load mode on the {@code load} line that sets it, with {@code mode} for a quick fix
     * to write there; or, when the mode is the default, on the {@code target} line that makes it matter.
     */
    private void reportOnLoad(Boot boot, EffectiveBoot effective, boolean warning, String message, String code, String mode) {
        Optional<Boot> load = effective.declaring(b -> b, BOOT__LOAD);
        Boot owner = load.orElse(effective.declaring(b -> b, BOOT__TARGET).orElse(boot));
        EStructuralFeature feature = load.isPresent() ? BOOT__LOAD : owner == boot && boot.getTarget() == null ? ELEMENT__NAME : BOOT__TARGET;
        String[] fix = load.isPresent() ? new String[] {mode} : new String[0];
        if (warning) {
            warningAt(boot, owner, feature, message, code, fix);
        } else {
            errorAt(boot, owner, feature, message, code, fix);
        }
    }

    private static boolean hasUnresolvedKernel(Boot boot) {
        return EffectiveBoot.of(boot).chain().stream().anyMatch(b -> b.getKernel() != null && b.getKernel().eIsProxy())
                || boot.getParent() != null && boot.getParent().eIsProxy();
    }
}
