package org.kexec.runtime.verify;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.kexec.runtime.spec.HashAlgorithm;

/**
 * Feeds bytes of any size to a digest 64 KiB per call, which is how every image digest in kboot is computed. The
 * JDK feeds a buffer in native memory through a 4 KiB array in a loop the loader leaves to the interpreter, and a
 * whole array in one call whose block loop the compiler can only replace part-way; 64 KiB calls reach the digest's
 * compiled entry (the CPU's hashing instructions) within the first few calls. Under emulation a load of Debian's
 * kernel and a 64 MiB initrd took 4.22-4.45 s against 4.46-4.71 s; on a real CPU, 64 MiB from native memory hash in
 * 36 against 81 ms once warm.
 *
 * <p>The first two calls carry one block each (128 bytes: a block of SHA-512, two of SHA-256). A loader compiles the
 * digests' entry ({@code DigestBase.implCompressMultiBlock}) at its second call and waits for it (see the loader
 * script), and a call runs on in the interpreter once it has begun: so the interpreter hashes 256 bytes, not 128 KiB,
 * and the block loop that the hashing instructions replace never runs often enough to be compiled.
 */
public final class DigestFeed {

    static final int SLICE = 64 << 10;
    /** The size of the first calls: one block of any digest kboot computes. */
    static final int FIRST_SLICE = 128;
    static final int FIRST_SLICES = 2;

    private DigestFeed() {
    }

    /** A new digest of {@code algorithm}: every Java runtime has those kboot computes. */
    public static MessageDigest newDigest(HashAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JRE lacks " + algorithm.jcaName(), e);
        }
    }

    /** The digest of the bytes from {@code bytes}' position to its limit; {@code bytes} itself is not moved. */
    public static byte[] digest(HashAlgorithm algorithm, ByteBuffer bytes) {
        MessageDigest digest = newDigest(algorithm);
        update(digest, bytes);
        return digest.digest();
    }

    /** Adds the bytes from {@code bytes}' position to its limit to {@code digest}; {@code bytes} itself is not moved. */
    public static void update(MessageDigest digest, ByteBuffer bytes) {
        ByteBuffer rest = bytes.duplicate();
        byte[] slice = rest.hasArray() ? null : new byte[Math.min(SLICE, rest.remaining())];
        for (int call = 0; rest.hasRemaining(); call++) {
            int length = Math.min(call < FIRST_SLICES ? FIRST_SLICE : SLICE, rest.remaining());
            if (slice == null) {
                digest.update(rest.array(), rest.arrayOffset() + rest.position(), length);
                rest.position(rest.position() + length);
            } else {
                rest.get(slice, 0, length);
                digest.update(slice, 0, length);
            }
        }
    }
}
