package org.kexec.runtime.host;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.image.BootKernel;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.KernelFile;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.NamedFile;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.verify.Authenticode;
import org.kexec.runtime.verify.DigestMismatchException;
import org.kexec.runtime.verify.PinnedDigests;
import org.kexec.runtime.verify.SignatureVerificationException;

/**
 * A boot's images, read once and accepted: pinned digests match, a required signature verifies, and the kernel
 * passes every {@link KernelRules kernel rule}, in that order, on the very bytes a plan then carries to the kernel.
 * The loader, {@code kbootc plan} and the validator all accept images here. A kernel file that is a Unified Kernel
 * Image is verified and pinned as the whole PE (as shim and systemd-stub verify it), then unwrapped: its
 * {@code .linux} is the kernel, its {@code .initrd} comes before the boot's initrds, and its {@code .cmdline} is the
 * command line when the boot has none of its own.
 *
 * @param kernel          the accepted kernel
 * @param initrds         each initrd's name and bytes, in load order (a UKI's own first); the initrd that goes as its
 *                        file on disk only when it was read too
 * @param initrdOnDisk    the initrd that kexec_file_load is handed as its file on disk ({@link FileLoad#passesOnDisk})
 * @param embeddedCmdline a UKI's {@code .cmdline}
 */
public record BootImages(BootKernel kernel, List<NamedBytes> initrds, Optional<NamedFile> initrdOnDisk,
                         Optional<String> embeddedCmdline) {

    /** An image refused; says which image, and the violation. */
    public static final class ImageException extends ViolationException {
        private static final long serialVersionUID = 1L;
        private final transient ImageSpec image;

        public ImageException(ImageSpec image, Violation violation) {
            super(violation);
            this.image = image;
        }

        /** The image the refusal is about. */
        public ImageSpec image() {
            return image;
        }
    }

    /** Reads and accepts the kernel and every initrd of {@code spec}. */
    public static BootImages accept(BootSpec spec, HostFiles files) throws ImageException {
        return accept(spec, files, true);
    }

    /**
     * Reads and accepts the kernel and the initrds of {@code spec}. The initrd that kexec_file_load takes as its file
     * on disk is checked as a read checks it, and read only when {@code readEvery}: kexec_load, and so load auto's
     * fallback, hands over its bytes.
     */
    public static BootImages accept(BootSpec spec, HostFiles files, boolean readEvery) throws ImageException {
        KernelFile kernel = acceptKernel(spec, files);
        List<NamedBytes> initrds = new ArrayList<>(embeddedInitrd(spec.kernel(), kernel));
        Optional<NamedFile> onDisk = Optional.empty();
        if (FileLoad.passesOnDisk(spec, !initrds.isEmpty())) {
            ImageSpec initrd = spec.initrds().get(0);
            onDisk = Optional.of(read(initrd, files::check));
        }
        for (ImageSpec initrd : spec.initrds()) {
            if (readEvery || onDisk.isEmpty()) {
                initrds.add(new NamedBytes(initrd.path(), acceptInitrd(initrd, files)));
            }
        }
        return new BootImages(kernel.kernel(), initrds, onDisk, kernel.embeddedCmdline());
    }

    /** A UKI's {@code .initrd}, named after the file it is in. */
    public static List<NamedBytes> embeddedInitrd(ImageSpec image, KernelFile kernel) {
        return kernel.embeddedInitrd().map(bytes -> List.of(NamedBytes.of(image.path() + " (.initrd)", bytes))).orElse(List.of());
    }

    /**
     * Reads the kernel, checks its pin and required signature, applies the kernel rules, and checks that the boot
     * places it where it can run.
     */
    public static KernelFile acceptKernel(BootSpec spec, ImageSource source) throws ImageException {
        KernelFile kernel = acceptKernelImage(spec.kernel(), source, Optional.of(spec.entry()));
        try {
            KernelRules.checkPlacement(spec.kernel().path(), kernel.kernel(), spec.placement().addressOf(spec.kernel().name()));
        } catch (ViolationException e) {
            throw new ImageException(spec.kernel(), e.violation());
        }
        return kernel;
    }

    /**
     * Reads a kernel file, checks its pin and required signature (of the whole file, a UKI's too), and applies the
     * rules of the image itself for a boot through {@code entry}; without one, through the entry its format has (an ELF
     * vmlinux's PVH entry, else the 64-bit boot protocol).
     */
    public static KernelFile acceptKernelImage(ImageSpec image, ImageSource source, Optional<KernelEntry> entry)
            throws ImageException {
        byte[] bytes = read(image, source::read);
        checkPin(image, ByteBuffer.wrap(bytes), source);
        if (image.signatureRequired()) {
            verifySignature(image, bytes, source);
        }
        try {
            return KernelRules.acceptFile(image.path(), bytes,
                    entry.orElse(ElfImage.isElf(bytes) ? KernelEntry.PVH : KernelEntry.BOOT_PROTOCOL));
        } catch (ViolationException e) {
            throw new ImageException(image, e.violation());
        }
    }

    /** Accepts one image on its own, as every boot that loads it will: what does not depend on a boot's placement. */
    public static void acceptImage(ImageSpec image, ImageSource source) throws ImageException {
        if (image.role() == ImageRole.KERNEL) {
            acceptKernelImage(image, source, Optional.empty());
        } else {
            acceptInitrd(image, source);
        }
    }

    /** Reads an initrd and checks its pin. */
    public static ByteBuffer acceptInitrd(ImageSpec initrd, ImageSource source) throws ImageException {
        ByteBuffer contents = read(initrd, source::readInitrd);
        checkPin(initrd, contents, source);
        return contents;
    }

    /** One way of reading or checking an image. */
    private interface Reading<T> {
        T of(ImageSpec image) throws ViolationException;
    }

    /** Reads or checks an image, a refusal of the source becoming the image's. */
    private static <T> T read(ImageSpec image, Reading<T> reading) throws ImageException {
        try {
            return reading.of(image);
        } catch (ViolationException e) {
            throw new ImageException(image, e.violation());
        }
    }

    private static void checkPin(ImageSpec image, ByteBuffer contents, ImageSource source) throws ImageException {
        if (image.digest().isEmpty()) {
            return;
        }
        PinnedDigest pinned = image.digest().get();
        try {
            PinnedDigests.check(image.path() + " (image " + image.name() + ")",
                    source.digest(image, contents, pinned.algorithm()), pinned);
        } catch (DigestMismatchException e) {
            throw new ImageException(image, Violation.of(Rule.DIGEST_MISMATCH, null, e.getMessage()
                    + " Pin the new digest if this file is intended."));
        }
    }

    /**
     * Verifies a kernel's Authenticode signature against its trust anchors, on the bytes that will be loaded: under
     * kexec_load and Xen nobody else checks it. When the source cannot know an anchor (absent at compile time), the
     * check is left to the loader.
     */
    private static void verifySignature(ImageSpec kernel, byte[] bytes, ImageSource source) throws ImageException {
        List<X509Certificate> anchors = new ArrayList<>();
        for (TrustAnchorSpec anchor : kernel.signers()) {
            try {
                Optional<X509Certificate> certificate = source.anchor(anchor);
                if (certificate.isEmpty()) {
                    return;
                }
                anchors.add(certificate.get());
            } catch (ViolationException e) {
                throw new ImageException(kernel, e.violation());
            }
        }
        try {
            Authenticode.verify(bytes, anchors);
        } catch (SignatureVerificationException e) {
            throw new ImageException(kernel, Violation.of(Rule.SIGNATURE, null, kernel.path() + " (image " + kernel.name()
                    + ") must be signed by " + kernel.signers().stream().map(TrustAnchorSpec::name).toList() + ", but "
                    + e.getMessage() + "."));
        }
    }
}
