package org.kexec.runtime.spec;

import java.util.List;
import java.util.Optional;

/**
 * An image file a boot loads.
 *
 * @param name       qualified name in the spec
 * @param role       kernel or initrd
 * @param path       the path as written in the spec, relative to the spec's folder unless absolute
 * @param digest     the digest the file must have, if pinned
 * @param signers    trust anchors one of which must have signed the image; empty when no signature is required
 */
public record ImageSpec(String name, ImageRole role, String path, Optional<PinnedDigest> digest,
                        List<TrustAnchorSpec> signers) {

    public ImageSpec {
        signers = List.copyOf(signers);
    }

    /** True when the loader must refuse the image unless a signature chains to one of {@link #signers}. */
    public boolean signatureRequired() {
        return !signers.isEmpty();
    }
}
