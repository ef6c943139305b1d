package org.kexec.runtime.verify;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.PinnedDigest;

/** Checks bytes against the digest a spec pins for them: the same bytes that are then loaded. */
public final class PinnedDigests {

    private PinnedDigests() {
    }

    /** The digest of {@code contents} from position 0 to the limit, read through a duplicate. */
    public static byte[] digest(HashAlgorithm algorithm, ByteBuffer contents) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName());
            DigestFeed.update(digest, contents);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JRE lacks " + algorithm.jcaName(), e);
        }
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
