package org.kexec.runtime.purgatory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The purgatory's SHA-2, compiled for the host, against published vectors and against BouncyCastle. */
class PurgatoryHashTest {

    private static String purgatory(String algorithm, byte[] data, String... chunks) throws Exception {
        String[] args = new String[chunks.length + 1];
        args[0] = algorithm;
        System.arraycopy(chunks, 0, args, 1, chunks.length);
        return new String(PurgatoryHarness.run("kboot-hash", data, args), StandardCharsets.US_ASCII).strip();
    }

    private static String bouncyCastle(String algorithm, byte[] data) {
        Digest digest = switch (algorithm) {
            case "sha256" -> new SHA256Digest();
            case "sha384" -> new SHA384Digest();
            default -> new SHA512Digest();
        };
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** FIPS 180-4 examples ("abc" and the 448-bit and 896-bit messages), from NIST's published vectors. */
    @ParameterizedTest(name = "{0}({1})")
    @CsvSource({
        "sha256, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "sha256, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq, 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        "sha384, abc, cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        "sha512, abc, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "sha512, abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu, 8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
    })
    void matchesPublishedVectors(String algorithm, String message, String expected) throws Exception {
        assertEquals(expected, purgatory(algorithm, message.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Lengths around every block and padding boundary, fed whole and in uneven updates as regions arrive; SHA-256
     * both with the SHA extensions (when this CPU has them) and in portable C.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256", "sha256 portable", "sha384", "sha512"})
    void matchesBouncyCastleOnRandomRegions(String variant) throws Exception {
        String algorithm = variant.split(" ")[0];
        String[] mode = variant.contains(" ") ? new String[] {"portable"} : new String[0];
        Random random = new Random(0x6b626f6f74L);
        for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 4095, 4096, 100_003, 1 << 20}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertEquals(bouncyCastle(algorithm, data), purgatory(algorithm, data, mode), variant + " of " + length + " bytes");
            String[] uneven = java.util.stream.Stream.concat(java.util.Arrays.stream(mode), java.util.stream.Stream.of("1", "63", "4096", "130"))
                    .toArray(String[]::new);
            assertEquals(bouncyCastle(algorithm, data), purgatory(algorithm, data, uneven),
                    variant + " of " + length + " bytes in uneven updates");
        }
    }
}
