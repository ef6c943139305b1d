package org.kexec.runtime.plan;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.NamedFile;
import org.kexec.runtime.rules.CommandLineRules;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageSpec;

/**
 * A kexec_file_load request: the kernel's verified bytes, the initrd and the final command line. The kernel goes to
 * the kernel in a sealed memory file, so it reads exactly the bytes kboot checked; so does an initrd kboot vouches for
 * (pinned, a Unified Kernel Image's, or several joined, as the kernel unpacks concatenated cpio archives in order). An
 * initrd kboot checks nothing of goes as the file it is on disk, as kexec-tools hands it over: kboot neither reads nor
 * copies its tens of MiB, and integrity policies (IMA) that appraise the file apply.
 *
 * @param kind    default or crash
 * @param kernel  the kernel's file name and bytes
 * @param initrd  the initrd, if any
 * @param cmdline the command line, without the terminating NUL
 */
public record FileLoad(BootKind kind, NamedBytes kernel, Optional<Initrd> initrd, String cmdline) {

    /** KEXEC_FILE_ON_CRASH: load a crash kernel. */
    public static final long KEXEC_FILE_ON_CRASH = 0x2;
    /** KEXEC_FILE_NO_INITRAMFS: no initrd file descriptor. */
    public static final long KEXEC_FILE_NO_INITRAMFS = 0x4;

    /** The initrd kexec_file_load is handed. */
    public sealed interface Initrd permits Sealed, OnDisk {
        /** The spec's path, or the names of joined initrds. */
        String name();

        long size();
    }

    /** Bytes kboot read and vouches for, handed over in a sealed memory file. */
    public record Sealed(NamedBytes bytes) implements Initrd {
        @Override
        public String name() {
            return bytes.name();
        }

        @Override
        public long size() {
            return bytes.size();
        }
    }

    /** The boot's own file, which the kernel reads itself. */
    public record OnDisk(NamedFile file) implements Initrd {
        @Override
        public String name() {
            return file.name();
        }

        @Override
        public long size() {
            return file.size();
        }
    }

    /**
     * Whether the initrd of {@code spec} goes as its file on disk: the boot has one initrd, its own file and not pinned
     * (nothing in it is kboot's to vouch for), and the kernel file brings none of its own.
     */
    public static boolean passesOnDisk(BootSpec spec, boolean kernelBringsInitrd) {
        if (kernelBringsInitrd || spec.initrds().size() != 1) {
            return false;
        }
        ImageSpec initrd = spec.initrds().get(0);
        return initrd.digest().isEmpty() && !BuiltInImages.isBuiltIn(initrd.path());
    }

    /**
     * The request for a boot whose kernel {@code KernelRules} accepted, refused when the kernel would refuse its
     * command line.
     *
     * @param initrds the accepted initrds, in load order (a UKI's own first); unused when {@code onDisk} is given
     * @param onDisk  the initrd that goes as its file on disk ({@link #passesOnDisk})
     * @param cmdline the composed command line ({@code CommandLines.compose})
     */
    public static FileLoad plan(BootSpec spec, BzImage kernel, List<NamedBytes> initrds, Optional<NamedFile> onDisk,
                                String cmdline) throws ViolationException {
        Optional<Violation> refused = CommandLineRules.check(cmdline, Optional.of(spec.kernel().path()),
                OptionalLong.of(kernel.header().cmdlineSize()), true);
        if (refused.isPresent()) {
            throw new ViolationException(refused.get());
        }
        Optional<Initrd> initrd = Optional.empty();
        if (onDisk.isPresent()) {
            initrd = Optional.of(new OnDisk(onDisk.get()));
        } else if (initrds.size() == 1) {
            initrd = Optional.of(new Sealed(initrds.get(0)));
        } else if (!initrds.isEmpty()) {
            ByteBuffer joined = ByteBuffer.allocate(Math.toIntExact(initrds.stream().mapToLong(NamedBytes::size).sum()));
            initrds.forEach(i -> joined.put(i.contents().duplicate()));
            initrd = Optional.of(new Sealed(new NamedBytes(String.join(" + ", initrds.stream().map(NamedBytes::name).toList()),
                    joined.flip())));
        }
        return new FileLoad(spec.kind(), NamedBytes.of(spec.kernel().path(), kernel.bytes()), initrd, cmdline);
    }

    /** The flags of the call: KEXEC_FILE_ON_CRASH for crash loads, KEXEC_FILE_NO_INITRAMFS without an initrd. */
    public long flags() {
        return (kind == BootKind.CRASH ? KEXEC_FILE_ON_CRASH : 0) | (initrd.isEmpty() ? KEXEC_FILE_NO_INITRAMFS : 0);
    }
}
