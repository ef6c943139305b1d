package org.kexec.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PinnedDigestTest {

    private static final String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void parsesAndPrintsTheSpecForm() {
        PinnedDigest digest = PinnedDigest.parse("sha256:" + SHA256_OF_ABC.toUpperCase());
        assertEquals(HashAlgorithm.SHA256, digest.algorithm());
        assertEquals(32, digest.value().length);
        assertEquals((byte) 0xba, digest.value()[0]);
        assertEquals("sha256:" + SHA256_OF_ABC, digest.toString());
        assertEquals(PinnedDigest.parse("sha256:" + SHA256_OF_ABC), digest);
        assertNotEquals(PinnedDigest.parse("sha256:" + SHA256_OF_ABC.replace('b', 'c')), digest);
    }

    @Test
    void saysWhatIsWrongAndHowToWriteIt() {
        assertEquals("Digest 'abcd' has no algorithm: write it as sha256:<hex>, sha384:<hex> or sha512:<hex>.", message("abcd"));
        assertEquals("Unknown digest algorithm 'md5': use sha256, sha384 or sha512.", message("md5:00"));
        assertEquals("Unknown digest algorithm 'none': use sha256, sha384 or sha512.", message("none:"));
        assertEquals("Digest has a non-hex character 'g' at position 10: use only 0-9 and a-f.", message("sha256:00g"));
        assertEquals("A sha384 digest has 96 hex digits, but this one has 64: copy it again from sha384sum.",
                message("sha384:" + SHA256_OF_ABC));
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> PinnedDigest.parse(text)).getMessage();
    }
}
