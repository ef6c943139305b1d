package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.MemmapSource;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.kboot.ProfileMemmap;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.model.KernelFacts;
import org.kexec.dsl.model.MemoryMaps;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.plan.KexecLimits;
import org.kexec.runtime.plan.SegmentSizes;
import org.kexec.runtime.units.Sizes;

import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.FIXED_PLACEMENT__ADDRESS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.FIXED_PLACEMENT__INITRD;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;

/**
 * Rules on placement: a memory map that exists, page-aligned fixed addresses for images the boot loads, each once;
 * and, where sizes and the map are known, no overlaps, everything in RAM (in the crash region for crash boots),
 * the kernel on its kernel_alignment, initrds under initrd_addr_max, and no more than half of RAM in total.
 */
public class PlacementValidator extends BootRules {

    /** A fixed placement with the memory it covers, when its file is there. */
    private record Placed(FixedPlacement placement, String what, long start, Optional<Long> size) {
    }

    @Inject
    private ImageFiles files;

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

    @Check(CheckType.NORMAL)
    public void checkPlacementsFit(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        Optional<KernelFacts> kernel = files.kernel(effective.kernel().orElse(null));
        Optional<MemoryMap> map = memoryMap(effective);
        List<Placed> placed = placed(effective, kernel);
        for (int i = 0; i < placed.size(); i++) {
            Placed segment = placed.get(i);
            if (segment.size().isEmpty()) {
                continue;
            }
            long start = segment.start();
            long size = segment.size().get();
            for (Placed earlier : placed.subList(0, i)) {
                if (earlier.size().isPresent() && overlap(start, size, earlier.start(), earlier.size().get())) {
                    errorAt(boot, segment.placement(), FIXED_PLACEMENT__ADDRESS, segment.what() + " at " + Sizes.hex(start)
                            + " + " + Sizes.hex(size) + " overlaps " + earlier.what() + " at " + Sizes.hex(earlier.start())
                            + " + " + Sizes.hex(earlier.size().get()) + ": move one of them.", IssueCodes.OVERLAPPING_PLACEMENTS);
                }
            }
            if (segment.placement().isKernel() && kernel.isPresent()
                    && !Sizes.isAligned(start, Math.max(kernel.get().header().kernelAlignment(), 1))) {
                String aligned = Sizes.hex(Sizes.alignUp(start, kernel.get().header().kernelAlignment()));
                errorAt(boot, segment.placement(), FIXED_PLACEMENT__ADDRESS, "The kernel asks for "
                        + Sizes.hex(kernel.get().header().kernelAlignment()) + " alignment (kernel_alignment), and "
                        + Sizes.hex(start) + " is not aligned: use " + aligned + ".", IssueCodes.UNALIGNED_ADDRESS, aligned);
            }
            if (!segment.placement().isKernel() && kernel.isPresent()
                    && Long.compareUnsigned(start + size - 1, kernel.get().header().initrdAddrMax()) > 0) {
                errorAt(boot, segment.placement(), FIXED_PLACEMENT__ADDRESS, segment.what() + " would end at "
                        + Sizes.hex(start + size - 1) + ", above the kernel's initrd_addr_max "
                        + Sizes.hex(kernel.get().header().initrdAddrMax()) + ": place it lower.", IssueCodes.INITRD_ABOVE_LIMIT);
            }
            map.ifPresent(memory -> checkInMemory(boot, effective, segment, memory));
        }
        map.ifPresent(memory -> checkHalfOfRam(boot, effective, kernel, memory));
    }

    private void checkInMemory(Boot boot, EffectiveBoot effective, Placed segment, MemoryMap memory) {
        long start = segment.start();
        long size = segment.size().get();
        Optional<MemoryRange> crash = memory.crashRegion();
        if (effective.kind() == BootKind.CRASH && crash.isPresent()) {
            if (!crash.get().contains(start, size)) {
                errorAt(boot, segment.placement(), FIXED_PLACEMENT__ADDRESS, segment.what() + " at " + Sizes.hex(start)
                        + " + " + Sizes.hex(size) + " lies outside the crash region " + Sizes.hex(crash.get().first())
                        + "-" + Sizes.hex(crash.get().last()) + " (EADDRNOTAVAIL): place it inside.", IssueCodes.OUTSIDE_CRASH_REGION);
            }
        } else if (!memory.isRam(start, size)) {
            errorAt(boot, segment.placement(), FIXED_PLACEMENT__ADDRESS, segment.what() + " at " + Sizes.hex(start)
                    + " + " + Sizes.hex(size) + " is not inside one System RAM range of the memory map: the kernel would"
                    + " copy it over firmware or devices. Place it in RAM.", IssueCodes.OUTSIDE_RAM);
        }
    }

    /** The kernel refuses loads larger than half of RAM (EINVAL), to keep room for itself while it copies. */
    private void checkHalfOfRam(Boot boot, EffectiveBoot effective, Optional<KernelFacts> kernel, MemoryMap memory) {
        long total = files.loadedBytes(kernel, effective.initrds());
        if (total > memory.ramSize() / 2) {
            error("The images take " + Sizes.mebibytes(total) + ", more than half of the memory map's "
                    + Sizes.mebibytes(memory.ramSize()) + " of RAM, and the kernel refuses such loads (EINVAL): use smaller"
                    + " images.", boot, ELEMENT__NAME, IssueCodes.TOO_LARGE_FOR_RAM);
        }
    }

    private List<Placed> placed(EffectiveBoot effective, Optional<KernelFacts> kernel) {
        List<Placed> placed = new ArrayList<>();
        for (FixedPlacement placement : effective.fixedPlacements().values()) {
            Optional<Long> size = placement.isKernel()
                    ? kernel.map(KernelFacts::memsz)
                    : files.size(placement.getInitrd()).map(SegmentSizes::initrd);
            placed.add(new Placed(placement, EffectiveBoot.placedKey(placement), placement.getAddress(), size));
        }
        return placed;
    }

    private Optional<MemoryMap> memoryMap(EffectiveBoot effective) {
        return effective.<Placement, MemmapSource>value(Boot::getPlacement, PLACEMENT__MEMMAP)
                .flatMap(source -> memoryMaps.load(source).map());
    }

    private static boolean overlap(long start, long size, long otherStart, long otherSize) {
        return Long.compareUnsigned(start, otherStart + otherSize) < 0 && Long.compareUnsigned(otherStart, start + size) < 0;
    }
}
