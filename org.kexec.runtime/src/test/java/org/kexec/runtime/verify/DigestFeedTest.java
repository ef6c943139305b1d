package org.kexec.runtime.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestFeedTest {

    /** Bytes 0, 1, 2, ... wrapping at 251, so that no two slices are alike. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static String sha256(ByteBuffer bytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        DigestFeed.update(digest, bytes);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256InOneCall(byte[] bytes, int from, int length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes, from, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void aShortArrayHasItsKnownDigest() throws Exception {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                sha256(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void anArrayRangeOfSeveralSlicesIsHashedFromItsPositionToItsLimit() throws Exception {
        byte[] bytes = pattern(3 * DigestFeed.SLICE + 17);
        ByteBuffer range = ByteBuffer.wrap(bytes, 5, 2 * DigestFeed.SLICE + 9);
        assertEquals(sha256InOneCall(bytes, 5, 2 * DigestFeed.SLICE + 9), sha256(range));
        assertEquals(5, range.position());
    }

    @Test
    void aSlicedArrayBufferIsHashedFromItsOwnStart() throws Exception {
        byte[] bytes = pattern(2 * DigestFeed.SLICE);
        ByteBuffer slice = ByteBuffer.wrap(bytes).position(100).slice();
        assertEquals(sha256InOneCall(bytes, 100, bytes.length - 100), sha256(slice));
    }

    @Test
    void aBufferInNativeMemoryOfSeveralSlicesIsHashedWhole() throws Exception {
        byte[] bytes = pattern(2 * DigestFeed.SLICE + 1);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertEquals(sha256InOneCall(bytes, 0, bytes.length), sha256(direct));
        assertEquals(0, direct.position());
    }

    /** A digest that records the length of every call it gets. */
    private static final class CallLengths extends MessageDigest {
        final List<Integer> lengths = new ArrayList<>();

        CallLengths() {
            super("call lengths");
        }

        @Override
        protected void engineUpdate(byte input) {
            lengths.add(1);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int length) {
            lengths.add(length);
        }

        @Override
        protected byte[] engineDigest() {
            return new byte[0];
        }

        @Override
        protected void engineReset() {
            lengths.clear();
        }
    }

    @Test
    void twoBlocksGoFirstThenSlicesOf64KiB() {
        for (ByteBuffer bytes : List.of(ByteBuffer.wrap(pattern(2 * DigestFeed.SLICE + 300)),
                ByteBuffer.allocateDirect(2 * DigestFeed.SLICE + 300))) {
            CallLengths digest = new CallLengths();
            DigestFeed.update(digest, bytes);
            assertEquals(List.of(128, 128, 65536, 65536, 44), digest.lengths, bytes.toString());
        }
        CallLengths digest = new CallLengths();
        DigestFeed.update(digest, ByteBuffer.wrap(pattern(200)));
        assertEquals(List.of(128, 72), digest.lengths);
    }

    @Test
    void anEmptyBufferAddsNothing() throws Exception {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha256(ByteBuffer.allocateDirect(0)));
    }
}
