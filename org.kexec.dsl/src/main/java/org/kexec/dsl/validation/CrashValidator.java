package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.Optional;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.BootKind;
import org.kexec.dsl.kboot.CoreFormat;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.MemmapSource;
import org.kexec.dsl.kboot.Placement;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.EffectiveBoot;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.model.KernelFacts;
import org.kexec.dsl.model.MemoryMaps;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.plan.SegmentRules;
import org.kexec.runtime.rules.KexecLimits;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.units.Sizes;

import static org.kexec.dsl.kboot.KbootPackage.Literals.BOOT__CRASH;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__BACKUP_SIZE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__BACKUP_SOURCE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__ELFCOREHDR;
import static org.kexec.dsl.kboot.KbootPackage.Literals.CRASH__RESERVATION;
import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.PLACEMENT__MEMMAP;

/**
 * Rules on crash (kdump) boots: crash settings only where they apply, a backup region the purgatory can copy, a
 * crash region that exists in the memory map, matches the stated reservation and holds the images with room to
 * run, and a core-header class that can describe all of RAM.
 */
public class CrashValidator extends BootRules {

    @Inject
    private ImageFiles files;

    @Inject
    private MemoryMaps memoryMaps;

    @Check
    public void checkCrashSettingsOnCrashBoot(Boot boot) {
        if (boot.getCrash() != null && EffectiveBoot.of(boot).kind() != BootKind.CRASH) {
            warning("Crash settings apply only to crash boots, and this is a default boot: add 'kind crash', or remove"
                    + " the crash block.", boot, BOOT__CRASH, IssueCodes.CRASH_SETTINGS_ON_DEFAULT);
        }
    }

    @Check
    public void checkBackupRegion(Crash crash) {
        if (!Declarations.isDeclared(crash, CRASH__BACKUP_SIZE)) {
            return;
        }
        long source = crash.getBackupSource();
        long size = crash.getBackupSize();
        if (size % KexecLimits.BACKUP_GRANULE != 0 || source % KexecLimits.BACKUP_GRANULE != 0) {
            error("The backup region must start and end on whole KiB (it is " + Sizes.hex(source) + " + "
                    + Sizes.hex(size) + "): round it to multiples of 1K.", crash,
                    size % KexecLimits.BACKUP_GRANULE != 0 ? CRASH__BACKUP_SIZE : CRASH__BACKUP_SOURCE,
                    IssueCodes.BACKUP_NOT_KIB_MULTIPLE);
        } else if (size == 0 || Long.compareUnsigned(source, KexecLimits.LOW_MEMORY_END) >= 0
                || Long.compareUnsigned(size, KexecLimits.LOW_MEMORY_END - source) > 0) {
            error("The backup region " + Sizes.hex(source) + " + " + Sizes.hex(size) + " must lie inside the low 1 MiB"
                    + " (0x0-0x100000), the memory the crashed kernel's firmware and BIOS use: the usual region is 640K"
                    + " from 0.", crash, CRASH__BACKUP_SIZE, IssueCodes.BACKUP_OUTSIDE_LOW_MEMORY);
        }
    }

    @Check(CheckType.NORMAL)
    public void checkCrashRegion(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        if (effective.kind() != BootKind.CRASH) {
            return;
        }
        Optional<Placement> memmapOwner = effective.declaring(Boot::getPlacement, PLACEMENT__MEMMAP);
        Optional<MemoryMap> map = memmapOwner.flatMap(p -> memoryMaps.load(p.getMemmap()).map());
        Optional<Crash> reservationOwner = effective.declaring(Boot::getCrash, CRASH__RESERVATION);
        if (map.isPresent()) {
            Optional<MemoryRange> region = map.get().crashRegion();
            Optional<Violation> unreserved = SegmentRules.crashRegionReserved(map.get());
            if (unreserved.isPresent()) {
                errorAt(boot, memmapOwner.get(), PLACEMENT__MEMMAP, unreserved.get().describe(), unreserved.get().rule().code());
                return;
            }
            if (reservationOwner.isPresent() && reservationOwner.get().getReservation() != region.get().size()) {
                warningAt(boot, reservationOwner.get(), CRASH__RESERVATION, "The memory map reserves "
                        + Sizes.human(region.get().size()) + " for crash kernels, not the "
                        + Sizes.human(reservationOwner.get().getReservation()) + " this spec expects: fix the"
                        + " reservation, or the host's crashkernel=.", IssueCodes.RESERVATION_MISMATCH);
            }
            checkImagesFit(boot, effective, region.get().size(), false);
        } else if (reservationOwner.isPresent()) {
            checkImagesFit(boot, effective, reservationOwner.get().getReservation(), true);
        }
    }

    @Check(CheckType.NORMAL)
    public void checkCoreFormatCoversRam(Boot boot) {
        EffectiveBoot effective = EffectiveBoot.of(boot);
        Optional<Crash> formatOwner = effective.declaring(Boot::getCrash, CRASH__ELFCOREHDR);
        if (effective.kind() != BootKind.CRASH || formatOwner.isEmpty() || formatOwner.get().getElfcorehdr() != CoreFormat.ELF32) {
            return;
        }
        Optional<MemmapSource> memmap = effective.value(Boot::getPlacement, PLACEMENT__MEMMAP);
        if (memmap.flatMap(m -> memoryMaps.load(m).map()).map(m -> m.hasRamAbove(1L << 32)).orElse(false)) {
            errorAt(boot, formatOwner.get(), CRASH__ELFCOREHDR, "An elf32 core header cannot describe this host's RAM"
                    + " above 4 GiB, which the dump would lose: use 'elfcorehdr elf64'.", IssueCodes.ELF32_HIGH_MEMORY);
        }
    }

    /**
     * The kernel and initrds should leave the crash region at least half free to run in. Whether they fit at all is
     * the planner's verdict when the memory map is known ({@link PlanValidator}); without a map, the stated
     * reservation is all there is to judge by.
     */
    private void checkImagesFit(Boot boot, EffectiveBoot effective, long region, boolean judgeFit) {
        Optional<KernelFacts> kernel = files.kernel(effective.kernel().orElse(null));
        if (kernel.isEmpty()) {
            return;
        }
        long images = files.loadedBytes(kernel, effective.initrds());
        if (images > region && judgeFit) {
            error("The kernel and initrds take " + Sizes.mebibytes(images) + ", more than the " + Sizes.mebibytes(region)
                    + " crash region: reserve more with crashkernel=, or use a smaller initrd.", boot, ELEMENT__NAME,
                    IssueCodes.CRASH_REGION_TOO_SMALL);
        } else if (images > region / 2 && images <= region) {
            warning("The kernel and initrds take " + Sizes.mebibytes(images) + " of the " + Sizes.mebibytes(region)
                    + " crash region, leaving " + Sizes.mebibytes(region - images) + " for the crash kernel to run in:"
                    + " reserve more with crashkernel=, or use a smaller initrd.", boot, ELEMENT__NAME, IssueCodes.CRASH_REGION_TIGHT);
        }
    }
}
