package org.kexec.dsl.validation;

import com.google.inject.Inject;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.ImageRole;
import org.kexec.dsl.kboot.TrustAnchor;
import org.kexec.dsl.model.CompileTimeImages;
import org.kexec.dsl.model.Declarations;
import org.kexec.dsl.model.ImageFiles.Lookup;
import org.kexec.dsl.model.ImageFiles;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.KernelReleases;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.PinnedDigest;

import static org.kexec.dsl.kboot.KbootPackage.Literals.ELEMENT__NAME;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__ANCHORS;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__DIGEST;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__PATH;
import static org.kexec.dsl.kboot.KbootPackage.Literals.IMAGE__RELEASE;
import static org.kexec.dsl.kboot.KbootPackage.Literals.TRUST_ANCHOR__CERTIFICATE;

/**
 * Rules on image and trust-anchor declarations: a path, a well-formed pinned digest, no signature on initrds, a
 * certificate that parses. When a file is not there the checks of its contents are skipped, and an info diagnostic
 * says so; files that are there are checked by {@link PlanValidator} with the loader's own rules.
 */
public class ImageValidator extends BootRules {

    @Inject
    private ImageFiles files;

    @Inject
    private BootSpecConverter converter;

    @Check
    public void checkImageHasPath(Image image) {
        if (image.getPath() == null && !image.isDefaultEntry()) {
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

    /** The runtime's rules on how a path names {release} and which release a kernel takes. */
    @Check
    public void checkRelease(Image image) {
        if (image.getPath() == null && !image.isDefaultEntry()) {
            return;
        }
        Optional<ImageSpec> spec = converted(image);
        if (spec.isEmpty()) {
            return;
        }
        if (image.isDefaultEntry() && Declarations.isDeclared(image, IMAGE__RELEASE)) {
            error("'entry default' chooses the kernel by the Boot Loader Spec's default entry and 'release' by its path: keep"
                    + " one.", image, IMAGE__RELEASE, Rule.IMAGE_RELEASE.code());
            return;
        }
        KernelReleases.check(spec.get()).ifPresent(violation -> error(violation.describe(), image,
                Declarations.isDeclared(image, IMAGE__RELEASE) ? IMAGE__RELEASE : IMAGE__PATH, violation.rule().code()));
    }

    @Check
    public void checkInitrdNotSigned(Image image) {
        if (image.getRole() == ImageRole.INITRD && !image.getAnchors().isEmpty()) {
            error("Initrds carry no signature to verify: remove 'signed by' and pin the initrd's digest instead.",
                    image, IMAGE__ANCHORS, IssueCodes.SIGNATURE_ON_INITRD);
        }
    }

    /**
     * The image's file as the loader will accept it (the runtime's {@code BootImages.acceptImage}: pin, required
     * signature with the anchors present, the kernel rules of the image itself), reported where the image is declared; an image whose file is
     * not here cannot be checked at compile time, and a note says so.
     */
    @Check(CheckType.NORMAL)
    public void checkImageFile(Image image) {
        if (image.getPath() == null) {
            return;
        }
        if (image.getPath().contains(ImageSpec.RELEASE)) {
            info(image.getPath() + " names the release the host chooses, so checks of its format, digest and signature are"
                    + " made by the loader on the host.", image, IMAGE__PATH, IssueCodes.FILE_NOT_CHECKED);
            return;
        }
        Lookup lookup = files.lookup(image, image.getPath());
        if (!(lookup instanceof Lookup.BuiltIn) && !(lookup instanceof Lookup.Present)) {
            reportNotChecked(lookup, image, IMAGE__PATH, "its format, digest and signature");
            return;
        }
        Optional<ImageSpec> spec = converted(image);
        if (spec.isEmpty()) {
            return;
        }
        try {
            BootImages.acceptImage(spec.get(), new CompileTimeImages(image, files));
        } catch (BootImages.ImageException e) {
            Rule rule = e.violation().rule();
            error(e.violation().describe(), image, rule == Rule.DIGEST_MISMATCH ? IMAGE__DIGEST
                    : rule == Rule.SIGNATURE ? IMAGE__ANCHORS : IMAGE__PATH, rule.code());
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
            HostFiles.readAnchor(converter.trustAnchor(anchor), present.path());
        } catch (ViolationException e) {
            error(e.violation().describe(), anchor, TRUST_ANCHOR__CERTIFICATE, e.violation().rule().code());
        }
    }

    /** The image as the runtime sees it; empty while the declaration is too broken to convert (other checks say why). */
    private Optional<ImageSpec> converted(Image image) {
        try {
            return Optional.of(converter.image(image));
        } catch (RuntimeException e) {
            return Optional.empty();
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
