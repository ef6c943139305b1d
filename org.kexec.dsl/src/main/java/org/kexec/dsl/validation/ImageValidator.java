package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.ImageRole;
import org.kexec.dsl.kboot.TrustAnchor;
import org.kexec.dsl.model.ImageFiles.Lookup;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.PeHeader;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.verify.Authenticode;
import org.kexec.runtime.verify.DigestMismatchException;
import org.kexec.runtime.verify.PinnedDigests;
import org.kexec.runtime.verify.SignatureVerificationException;
import org.kexec.runtime.verify.TrustAnchors;

import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__ANCHORS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__DIGEST;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__PATH;
import static org.kexec.dsl.kboot.KbootPackage.Literals.TRUST_ANCHOR__CERTIFICATE;

/**
 * Rules on image and trust-anchor declarations: a path, a well-formed pinned digest, no signature on initrds; and,
 * when the file is there at compile time, that it is usable, matches its pin, and (for kernels) is a bzImage that
 * carries a signature when one is required.
 * When a file is not there the file checks are skipped, and an info diagnostic says so.
 */
public class ImageValidator extends BootRules {

    @Inject
    private ImageFiles files;

    @Check
    public void checkImageHasPath(Image image) {
        if (image.getPath() == null) {
            error("Image '" + image.getName() + "' has no path: add path \"/boot/...\".", image, ELEMENT__NAME,
                    IssueCodes.MISSING_PATH);
        }
    }

    @Check
    public void checkDigestWellFormed(Image image) {
        if (image.getDigest() == null) {
            return;
        }
        try {
            PinnedDigest.parse(image.getDigest());
        } catch (IllegalArgumentException e) {
            error(e.getMessage(), image, IMAGE__DIGEST, IssueCodes.INVALID_DIGEST, algorithmForLength(image.getDigest()));
        }
    }

    /**
     * The digest written as {@code "algorithm:hex"} (quoted, as in the text) with the algorithm its hex length belongs
     * to, when that differs from the one written; none otherwise.
     */
    private static String[] algorithmForLength(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            if (algorithm != HashAlgorithm.NONE && hex.length() == 2 * algorithm.digestLength() && hex.matches("[0-9a-fA-F]+")
                    && !digest.startsWith(algorithm.keyword() + ":")) {
                return new String[] {"\"" + algorithm.keyword() + ":" + hex + "\""};
            }
        }
        return new String[0];
    }

    @Check
    public void checkInitrdNotSigned(Image image) {
        if (image.getRole() == ImageRole.INITRD && !image.getAnchors().isEmpty()) {
            error("Initrds carry no signature to verify: remove 'signed by' and pin the initrd's digest instead.",
                    image, IMAGE__ANCHORS, IssueCodes.SIGNATURE_ON_INITRD);
        }
    }

    @Check(CheckType.NORMAL)
    public void checkImageFile(Image image) {
        if (image.getPath() == null) {
            return;
        }
        Lookup lookup = files.lookup(image, image.getPath());
        String name;
        byte[] bytes;
        if (lookup instanceof Lookup.BuiltIn builtIn) {
            name = builtIn.path();
            bytes = builtIn.bytes();
        } else if (lookup instanceof Lookup.Present present) {
            name = present.path().toString();
            try {
                bytes = files.read(present.path());
            } catch (IOException e) {
                error(name + " cannot be read: " + e.getMessage(), image, IMAGE__PATH, IssueCodes.FILE_UNUSABLE);
                return;
            }
        } else {
            reportNotChecked(lookup, image, IMAGE__PATH, "its format, digest and signature");
            return;
        }
        checkPinnedDigestMatches(image, name, bytes);
        if (image.getRole() == ImageRole.KERNEL) {
            checkKernelIsBzImage(image, name, bytes);
            checkRequiredSignaturePresent(image, name, bytes);
        }
    }

    @Check(CheckType.NORMAL)
    public void checkTrustAnchorCertificate(TrustAnchor anchor) {
        Lookup lookup = files.lookup(anchor, anchor.getCertificate());
        if (!(lookup instanceof Lookup.Present present)) {
            reportNotChecked(lookup, anchor, TRUST_ANCHOR__CERTIFICATE, "the certificate");
            return;
        }
        try {
            TrustAnchors.read(present.path());
        } catch (SignatureVerificationException e) {
            error(present.path() + " is not an X.509 certificate in PEM or DER form: export the CA certificate"
                    + " with 'openssl x509 -outform PEM'.", anchor, TRUST_ANCHOR__CERTIFICATE, IssueCodes.INVALID_CERTIFICATE);
        }
    }

    private void checkPinnedDigestMatches(Image image, String name, byte[] bytes) {
        if (image.getDigest() == null) {
            return;
        }
        PinnedDigest pinned;
        try {
            pinned = PinnedDigest.parse(image.getDigest());
        } catch (IllegalArgumentException e) {
            return;
        }
        try {
            PinnedDigests.check(name, bytes, Optional.of(pinned));
        } catch (DigestMismatchException e) {
            error(e.getMessage() + " Pin the new digest if this file is intended.", image, IMAGE__DIGEST, IssueCodes.DIGEST_MISMATCH);
        }
    }

    private void checkKernelIsBzImage(Image image, String name, byte[] bytes) {
        try {
            SetupHeader.parse(bytes);
        } catch (ImageFormatException e) {
            error(name + " is not a bzImage kernel: " + e.getMessage(), image, IMAGE__PATH, IssueCodes.NOT_A_BZIMAGE);
        }
    }

    /**
     * A kernel that must be signed has to carry an Authenticode certificate table at all; whether the signature
     * verifies against the trust anchors is the loader's check, on the bytes it loads.
     */
    private void checkRequiredSignaturePresent(Image image, String name, byte[] bytes) {
        if (image.getAnchors().isEmpty()) {
            return;
        }
        String anchors = image.getAnchors().stream().map(a -> a.getName()).collect(java.util.stream.Collectors.joining(", "));
        try {
            Optional<PeHeader> pe = PeHeader.parse(bytes);
            if (pe.isEmpty()) {
                error(name + " is not an EFI-stub (PE) kernel, so it cannot carry the signature by " + anchors
                        + " the spec requires: use a kernel built with CONFIG_EFI_STUB.", image, IMAGE__ANCHORS,
                        IssueCodes.UNSIGNED_KERNEL);
            } else if (!pe.get().signed()) {
                error(name + " has no Authenticode signature (its certificate table is empty), but the spec"
                        + " requires one by " + anchors + ": use the signed kernel (Debian's linux-image-*-amd64, not"
                        + " -unsigned), or sign it with sbsign.", image, IMAGE__ANCHORS, IssueCodes.UNSIGNED_KERNEL);
            } else {
                checkSignatureVerifies(image, name, bytes);
            }
        } catch (ImageFormatException e) {
            error(name + " has broken PE headers: " + e.getMessage(), image, IMAGE__PATH, IssueCodes.NOT_A_BZIMAGE);
        }
    }

    /**
     * Verifies the signature against the trust anchors whose certificates are here at compile time; with none here,
     * their own notes say the check was skipped, and the loader makes it on the host.
     */
    private void checkSignatureVerifies(Image image, String name, byte[] bytes) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (TrustAnchor anchor : image.getAnchors()) {
            if (!anchor.eIsProxy() && files.lookup(anchor, anchor.getCertificate()) instanceof Lookup.Present present) {
                try {
                    certificates.add(TrustAnchors.read(present.path()));
                } catch (SignatureVerificationException e) {
                    return;
                }
            }
        }
        if (certificates.isEmpty()) {
            return;
        }
        try {
            Authenticode.verify(bytes, certificates);
        } catch (SignatureVerificationException e) {
            error(name + " does not carry a valid signature by its trust anchors: " + e.getMessage() + ".", image,
                    IMAGE__ANCHORS, IssueCodes.SIGNATURE_INVALID);
        }
    }

    private void reportNotChecked(Lookup lookup, EObject owner, EStructuralFeature feature, String what) {
        if (lookup instanceof Lookup.Unusable unusable) {
            error(unusable.path() + " " + unusable.reason() + ": name a regular, readable file.", owner, feature,
                    IssueCodes.FILE_UNUSABLE);
        } else if (lookup instanceof Lookup.Missing missing) {
            info(missing.path() + " is not here at compile time, so checks of " + what
                    + " were skipped; the loader makes them on the host.", owner, feature, IssueCodes.FILE_NOT_CHECKED);
        } else if (lookup instanceof Lookup.BuiltIn builtIn) {
            error(builtIn.path() + " is a built-in image, not a file of this kind: name a regular file.", owner, feature,
                    IssueCodes.FILE_UNUSABLE);
        } else if (lookup instanceof Lookup.Unresolvable unresolvable) {
            info("'" + unresolvable.path() + "' is relative and this spec has no folder, so checks of " + what
                    + " were skipped.", owner, feature, IssueCodes.FILE_NOT_CHECKED);
        }
    }
}
