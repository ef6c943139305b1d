package org.kexec.runtime.image;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.verify.Authenticode;
import org.kexec.runtime.verify.DigestMismatchException;
import org.kexec.runtime.verify.PinnedDigests;
import org.kexec.runtime.verify.SignatureVerificationException;
import org.kexec.runtime.verify.TrustAnchors;

/**
 * Reads a boot's image files once, checks their pinned digests and parses the kernel: the bytes returned are the
 * bytes checked, and the ones a plan will carry to the kernel.
 *
 * @param kernel  the parsed kernel
 * @param initrds each initrd's path and bytes, in load order
 */
public record BootImages(BzImage kernel, List<PlanInputs.NamedBytes> initrds) {

    /** An image that cannot be used; the message names the file and why. */
    public static class ImageException extends Exception {
        private static final long serialVersionUID = 1L;

        public ImageException(String message) {
            super(message);
        }
    }

    /**
     * @param base folder relative paths start from (the spec's)
     * @param root folder absolute paths are taken under (a host's root file system seen from elsewhere), if any
     */
    public static BootImages read(BootSpec spec, Path base, Optional<Path> root) throws ImageException {
        byte[] kernelBytes = readChecked(spec.kernel(), base, root);
        if (spec.kernel().signatureRequired()) {
            verifySignature(spec.kernel(), kernelBytes, base, root);
        }
        BzImage kernel;
        try {
            kernel = BzImage.parse(kernelBytes);
        } catch (ImageFormatException e) {
            throw new ImageException(spec.kernel().path() + " is not a bzImage kernel: " + e.getMessage());
        }
        List<PlanInputs.NamedBytes> initrds = new ArrayList<>();
        for (ImageSpec initrd : spec.initrds()) {
            initrds.add(new PlanInputs.NamedBytes(initrd.path(), readChecked(initrd, base, root)));
        }
        return new BootImages(kernel, initrds);
    }

    /**
     * Verifies a kernel's Authenticode signature against its spec's trust anchors, on the bytes that will be loaded:
     * under kexec_load and Xen nobody else checks it.
     */
    private static void verifySignature(ImageSpec kernel, byte[] bytes, Path base, Optional<Path> root) throws ImageException {
        List<X509Certificate> anchors = new ArrayList<>();
        try {
            for (TrustAnchorSpec anchor : kernel.signers()) {
                anchors.add(TrustAnchors.read(resolve(anchor.certificate(), base, root)));
            }
            Authenticode.verify(bytes, anchors);
        } catch (SignatureVerificationException e) {
            throw new ImageException(resolve(kernel.path(), base, root) + " (image " + kernel.name() + ") must be signed by "
                    + kernel.signers().stream().map(TrustAnchorSpec::name).toList() + ", but " + e.getMessage() + ".");
        }
    }

    /** Where an image's path leads. */
    public static Path resolve(String path, Path base, Optional<Path> root) {
        Path written = Path.of(path);
        if (written.isAbsolute()) {
            return root.map(r -> r.resolve(written.getRoot().relativize(written))).orElse(written);
        }
        return base.resolve(written);
    }

    private static byte[] readChecked(ImageSpec image, Path base, Optional<Path> root) throws ImageException {
        if (BuiltInImages.isBuiltIn(image.path())) {
            byte[] builtIn = BuiltInImages.read(image.path()).orElseThrow(() -> new ImageException(image.path()
                    + " (image " + image.name() + ") is not a built-in image: kboot has " + BuiltInImages.PATHS + "."));
            return checked(image.path(), builtIn, image);
        }
        Path file = resolve(image.path(), base, root);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageException(file + " (image " + image.name() + ") is a directory, not an image file.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageException(file + " (image " + image.name() + ") does not exist.");
        } catch (AccessDeniedException e) {
            throw new ImageException(file + " (image " + image.name() + ") cannot be read by this user (permission denied):"
                    + " run the loader as root, or make the file readable.");
        } catch (IOException e) {
            throw new ImageException(file + " (image " + image.name() + ") cannot be read: " + e.getMessage());
        }
        return checked(file.toString(), bytes, image);
    }

    private static byte[] checked(String file, byte[] bytes, ImageSpec image) throws ImageException {
        try {
            PinnedDigests.check(file, bytes, image.digest());
        } catch (DigestMismatchException e) {
            throw new ImageException(e.getMessage());
        }
        return bytes;
    }
}
