package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.ProfileMemmap;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.MemoryMaps;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.units.Sizes;

import static org.kexec.dsl.kboot.KbootPackage.Literals.FIXED_PLACEMENT__ADDRESS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.FIXED_PLACEMENT__INITRD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;

/**
 * Rules on placement written in the spec: a memory map that exists, page-aligned fixed addresses for images the
 * boot loads, each once. Where sizes and the map are known, the planner's own rules apply ({@link PlanValidator}):
 * no overlaps, everything in RAM (in the crash region for crash boots), the kernel on its kernel_alignment, initrds
 * under initrd_addr_max, and no more than half of RAM in total.
 */
public class PlacementValidator extends BootRules {

    @Inject
    private MemoryMaps memoryMaps;

    @Check(CheckType.NORMAL)
    public void checkMemmapLoads(Placement placement) {
        if (placement.getMemmap() == null) {
            return;
        }
        memoryMaps.load(placement.getMemmap()).problem().ifPresent(problem -> error(problem, placement, PLACEMENT__MEMMAP,
                placement.getMemmap() instanceof ProfileMemmap ? IssueCodes.UNKNOWN_PROFILE : IssueCodes.MEMMAP_FILE_INVALID));
    }

    @Check
    public void checkAddressAligned(FixedPlacement placed) {
        if (!Sizes.isAligned(placed.getAddress(), KexecLimits.PAGE_SIZE)) {
            String aligned = Sizes.hex(Sizes.alignUp(placed.getAddress(), KexecLimits.PAGE_SIZE));
            error("Segments start on 4 KiB pages, and " + Sizes.hex(placed.getAddress()) + " is not one: use " + aligned
                    + ".", placed, FIXED_PLACEMENT__ADDRESS, IssueCodes.UNALIGNED_ADDRESS, aligned);
        }
    }

    @Check
    public void checkPlacedOnce(Placement placement) {
        Set<String> seen = new HashSet<>();
        for (FixedPlacement placed : placement.getFixed()) {
            if (!seen.add(EffectiveBoot.placedKey(placed))) {
                error(EffectiveBoot.placedKey(placed) + " is placed more than once: keep one address.", placed,
                        FIXED_PLACEMENT__ADDRESS, IssueCodes.DUPLICATE_PLACEMENT);
            }
        }
    }

    @Check
    public void checkPlacedImageIsLoaded(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        List<Image> initrds = effective.initrds();
        for (FixedPlacement placed : effective.fixedPlacements().values()) {
            Image initrd = placed.getInitrd();
            if (initrd != null && !initrd.eIsProxy() && !initrds.contains(initrd)) {
                errorAt(boot, placed, FIXED_PLACEMENT__INITRD, "Boot '" + boot.getName() + "' does not load initrd '"
                        + initrd.getName() + "': add 'initrd " + initrd.getName() + "', or remove its placement.",
                        IssueCodes.PLACED_IMAGE_NOT_LOADED);
            }
        }
    }
}
