package org.kexec.runtime.plan;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.rules.CommandLineRules;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;

/**
 * A kexec_file_load request: the kernel's and initrd's verified bytes (several initrds concatenated, as the kernel
 * unpacks concatenated cpio archives in order) and the final command line. The kernel goes to the kernel in a sealed
 * memory file, so it reads exactly the bytes kboot checked; so does an initrd kboot vouches for (pinned, a Unified
 * Kernel Image's, or several joined). An initrd kboot checks nothing of goes as the file it is on disk, as kexec-tools
 * hands it over: no copy of tens of MiB is made, and integrity policies (IMA) that appraise the file apply.
 *
 * @param kind         default or crash
 * @param kernel       the kernel's file name and bytes
 * @param initrd       the initrd's name and bytes, if any
 * @param cmdline      the command line, without the terminating NUL
 * @param initrdOnDisk the initrd's file when it is handed over as it is on disk
 */
public record FileLoad(BootKind kind, NamedBytes kernel, Optional<NamedBytes> initrd, String cmdline,
                       Optional<Path> initrdOnDisk) {

    /** KEXEC_FILE_ON_CRASH: load a crash kernel. */
    public static final long KEXEC_FILE_ON_CRASH = 0x2;
    /** KEXEC_FILE_NO_INITRAMFS: no initrd file descriptor. */
    public static final long KEXEC_FILE_NO_INITRAMFS = 0x4;

    /**
     * The request for a boot whose kernel {@code KernelRules} accepted, refused when the kernel would refuse its
     * command line.
     *
     * @param initrds the accepted initrds, in load order (a UKI's own first)
     * @param cmdline the composed command line ({@code CommandLines.compose})
     * @param resolve where a path of the spec leads on the host
     */
    public static FileLoad plan(BootSpec spec, BzImage kernel, List<NamedBytes> initrds, String cmdline,
                                Function<String, Path> resolve) throws ViolationException {
        Optional<Violation> refused = CommandLineRules.check(cmdline, Optional.of(spec.kernel().path()),
                OptionalLong.of(kernel.header().cmdlineSize()), true);
        if (refused.isPresent()) {
            throw new ViolationException(refused.get());
        }
        Optional<NamedBytes> initrd = Optional.empty();
        if (initrds.size() == 1) {
            initrd = Optional.of(initrds.get(0));
        } else if (!initrds.isEmpty()) {
            ByteBuffer joined = ByteBuffer.allocate(Math.toIntExact(initrds.stream().mapToLong(NamedBytes::size).sum()));
            initrds.forEach(i -> joined.put(i.contents().duplicate()));
            initrd = Optional.of(new NamedBytes(String.join(" + ", initrds.stream().map(NamedBytes::name).toList()),
                    joined.flip()));
        }
        // The one initrd is the boot's own file, not pinned: nothing in it is kboot's to vouch for.
        boolean asOnDisk = initrds.size() == 1 && spec.initrds().size() == 1 && spec.initrds().get(0).digest().isEmpty()
                && !BuiltInImages.isBuiltIn(spec.initrds().get(0).path());
        return new FileLoad(spec.kind(), NamedBytes.of(spec.kernel().path(), kernel.bytes()), initrd, cmdline,
                asOnDisk ? Optional.of(resolve.apply(spec.initrds().get(0).path())) : Optional.empty());
    }

    /** The flags of the call: KEXEC_FILE_ON_CRASH for crash loads, KEXEC_FILE_NO_INITRAMFS without an initrd. */
    public long flags() {
        return (kind == BootKind.CRASH ? KEXEC_FILE_ON_CRASH : 0) | (initrd.isEmpty() ? KEXEC_FILE_NO_INITRAMFS : 0);
    }
}
