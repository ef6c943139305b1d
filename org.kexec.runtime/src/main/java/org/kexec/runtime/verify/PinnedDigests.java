package org.kexec.runtime.verify;

import java.util.HexFormat;
import org.kexec.runtime.spec.PinnedDigest;

/** Checks the digest of bytes against the one a spec pins for them: the same bytes that are then loaded. */
public final class PinnedDigests {

    private PinnedDigests() {
    }

    /**
     * @param file   what to call the bytes in the message (their path)
     * @param actual the digest of the bytes, in the pinned digest's algorithm
     * @throws DigestMismatchException naming the file, the pinned and the actual digest
     */
    public static void check(String file, byte[] actual, PinnedDigest expected) throws DigestMismatchException {
        if (!new PinnedDigest(expected.algorithm(), actual).equals(expected)) {
            throw new DigestMismatchException(file + " does not match its pinned digest: the spec pins " + expected
                    + ", the file has " + expected.algorithm().keyword() + ":" + HexFormat.of().formatHex(actual) + ".");
        }
    }
}
