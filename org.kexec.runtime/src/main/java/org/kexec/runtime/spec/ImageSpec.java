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
 * @param release    for a kernel whose path names {@link #RELEASE}: which installed release the host takes; initrds
 *                   whose paths name it take the release of their boot's kernel
 */
public record ImageSpec(String name, ImageRole role, String path, Optional<PinnedDigest> digest,
                        List<TrustAnchorSpec> signers, Optional<ReleaseSelector> release) {

    /** The placeholder for a kernel release in an image path, e.g. {@code /boot/vmlinuz-{release}}. */
    public static final String RELEASE = "{release}";

    public ImageSpec {
        signers = List.copyOf(signers);
    }

    /** An image at a path that names no release. */
    public ImageSpec(String name, ImageRole role, String path, Optional<PinnedDigest> digest, List<TrustAnchorSpec> signers) {
        this(name, role, path, digest, signers, Optional.empty());
    }

    /** The path a kernel taken from the Boot Loader Spec default entry has until the host chooses it. */
    public static final String DEFAULT_ENTRY_PATH = "(the Boot Loader Spec default entry)";

    /** True when the host chooses the file: the path names {@link #RELEASE}, or the image is the default entry's. */
    public boolean chosenOnHost() {
        return path.contains(RELEASE) || release.equals(Optional.of(ReleaseSelector.DEFAULT_ENTRY));
    }

    /** The image at the path the host's release fills in. */
    public ImageSpec atRelease(String kernelRelease) {
        return new ImageSpec(name, role, path.replace(RELEASE, kernelRelease), digest, signers, Optional.empty());
    }

    /** True when the loader must refuse the image unless a signature chains to one of {@link #signers}. */
    public boolean signatureRequired() {
        return !signers.isEmpty();
    }
}
