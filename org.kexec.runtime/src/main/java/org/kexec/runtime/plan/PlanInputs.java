package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.image.BootKernel;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.purgatory.PurgatoryImage;
import org.kexec.runtime.spec.BootSpec;

/**
 * Everything a plan is made from. Image bytes are the ones read once and checked; the plan carries these very
 * bytes to the kernel.
 *
 * @param spec        the boot
 * @param kernel      the parsed kernel: a bzImage, or a vmlinux for a PVH boot
 * @param initrds     each initrd's name and bytes, in load order: a Unified Kernel Image's own {@code .initrd} first,
 *                    then one for each of the spec's initrds
 * @param cmdline     the command line, before what the loader adds (elfcorehdr=)
 * @param memory      the host's memory map (or a profile, for dry runs)
 * @param purgatory   kboot's purgatory
 * @param template    the running kernel's boot_params, whose firmware fields are passed on; empty for none
 * @param crash       CPU notes and vmcoreinfo for a crash kernel's core header
 */
public record PlanInputs(BootSpec spec, BootKernel kernel, List<NamedBytes> initrds, String cmdline, MemoryMap memory,
                         PurgatoryImage purgatory, Optional<byte[]> template, CrashSources crash) {

    public PlanInputs {
        initrds = List.copyOf(initrds);
        if (initrds.size() < spec.initrds().size()) {
            throw new IllegalArgumentException(initrds.size() + " initrds for the " + spec.initrds().size() + " of " + spec.name());
        }
    }

    /** The image names of the initrds, in load order: a UKI's own is named after its kernel ({@code uki:initrd}). */
    public List<String> initrdNames() {
        List<String> names = new ArrayList<>();
        for (int i = spec.initrds().size(); i < initrds.size(); i++) {
            names.add(spec.kernel().name() + ":initrd");
        }
        spec.initrds().forEach(initrd -> names.add(initrd.name()));
        return names;
    }

    /**
     * The inputs of a boot with kboot's own purgatory.
     *
     * @param cmdline the composed command line ({@link CommandLines#compose})
     */
    public static PlanInputs of(BootSpec spec, BootKernel kernel, List<NamedBytes> initrds, String cmdline, MemoryMap memory,
                                Optional<byte[]> template, CrashSources crash) {
        return new PlanInputs(spec, kernel, initrds, cmdline, memory, PurgatoryImage.bundled(), template, crash);
    }
}
