package org.kexec.runtime.host;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.verify.DigestFeed;

/** Where a boot's image bytes and trust anchors come from: a host's files ({@link HostFiles}), or an editor's view. */
public interface ImageSource {

    /**
     * The bytes of an image, read once.
     *
     * @throws ViolationException (rule IMAGE_FILE) when the image cannot be used, saying why
     */
    byte[] read(ImageSpec image) throws ViolationException;

    /**
     * The bytes of an initrd, which kboot only hashes and hands over, read once: by default as {@link #read}; a host's
     * files read it into native memory, which kexec_load copies from where it is.
     *
     * @throws ViolationException (rule IMAGE_FILE) when the image cannot be used, saying why
     */
    default ByteBuffer readInitrd(ImageSpec image) throws ViolationException {
        return ByteBuffer.wrap(read(image));
    }

    /**
     * The digest of an image's bytes as this source gave them ({@code contents}), to check its pin: by default hashed
     * here; a source that reads each version of a file once may remember it, so the boots that share an image hash it
     * once.
     */
    default byte[] digest(ImageSpec image, ByteBuffer contents, HashAlgorithm algorithm) {
        return DigestFeed.digest(algorithm, contents);
    }

    /**
     * A trust anchor's certificate; empty when this source cannot know it (a file absent at compile time), and
     * signature checks are then left to the loader.
     *
     * @throws ViolationException (rule SIGNATURE) when the certificate is there but unusable
     */
    Optional<X509Certificate> anchor(TrustAnchorSpec anchor) throws ViolationException;
}
