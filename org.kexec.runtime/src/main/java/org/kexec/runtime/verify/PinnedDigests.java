package org.kexec.runtime.verify;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.kexec.runtime.spec.PinnedDigest;

/** Checks bytes against the digest a spec pins for them: the same bytes that are then loaded. */
public final class PinnedDigests {

    private PinnedDigests() {
    }

    /**
     * @param file     what to call the bytes in the message (their path)
     * @param contents the bytes from position 0 to the limit, read through a duplicate
     * @throws DigestMismatchException naming the file, the pinned and the actual digest
     */
    public static void check(String file, ByteBuffer contents, Optional<PinnedDigest> pinned) throws DigestMismatchException {
        if (pinned.isEmpty()) {
            return;
        }
        PinnedDigest expected = pinned.get();
        byte[] actual;
        try {
            MessageDigest digest = MessageDigest.getInstance(expected.algorithm().jcaName());
            DigestFeed.update(digest, contents);
            actual = digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JRE lacks " + expected.algorithm().jcaName(), e);
        }
        if (!new PinnedDigest(expected.algorithm(), actual).equals(expected)) {
            throw new DigestMismatchException(file + " does not match its pinned digest: the spec pins " + expected
                    + ", the file has " + expected.algorithm().keyword() + ":" + HexFormat.of().formatHex(actual) + ".");
        }
    }
}
