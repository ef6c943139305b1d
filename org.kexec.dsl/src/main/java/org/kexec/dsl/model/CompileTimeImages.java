package org.kexec.dsl.model;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.model.ImageFiles.Lookup;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.host.ImageSource;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.TrustAnchorSpec;

/**
 * A boot's images and trust anchors as the compiler sees them, for the runtime's own acceptance: files read once per
 * version through {@link ImageFiles}, with the loader's bounds; an anchor whose certificate is not here leaves the
 * signature check to the loader.
 */
public final class CompileTimeImages implements ImageSource {

    private final EObject context;
    private final ImageFiles files;

    /** @param context an element of the spec whose folder relative paths start from */
    public CompileTimeImages(EObject context, ImageFiles files) {
        this.context = context;
        this.files = files;
    }

    /** The image's file is here to be checked (built in, or a readable regular file). */
    public boolean isHere(Image image) {
        if (image.eIsProxy() || image.getPath() == null) {
            return false;
        }
        Lookup lookup = files.lookup(context, image.getPath());
        return lookup instanceof Lookup.BuiltIn || lookup instanceof Lookup.Present;
    }

    @Override
    public byte[] read(ImageSpec image) throws ViolationException {
        Lookup lookup = files.lookup(context, image.path());
        if (lookup instanceof Lookup.BuiltIn builtIn) {
            return builtIn.bytes();
        }
        if (lookup instanceof Lookup.Present present) {
            try {
                return files.read(present.path());
            } catch (ViolationException e) {
                throw new ViolationException(Violation.of(Rule.IMAGE_FILE, null, present.path() + " (image " + image.name()
                        + ") " + e.violation().reason()));
            }
        }
        throw new ViolationException(Violation.of(Rule.IMAGE_FILE, null, image.path() + " (image " + image.name()
                + ") is not here at compile time."));
    }

    /** Once per version of the image's file (the boots that load it share the pass), where the file is here. */
    @Override
    public byte[] digest(ImageSpec image, ByteBuffer contents, HashAlgorithm algorithm) {
        if (files.lookup(context, image.path()) instanceof Lookup.Present present) {
            return files.digest(present.path(), contents, algorithm);
        }
        return ImageSource.super.digest(image, contents, algorithm);
    }

    @Override
    public Optional<X509Certificate> anchor(TrustAnchorSpec anchor) throws ViolationException {
        if (!(files.lookup(context, anchor.certificate()) instanceof Lookup.Present present)) {
            return Optional.empty();
        }
        return Optional.of(HostFiles.readAnchor(anchor, present.path()));
    }
}
