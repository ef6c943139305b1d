package org.kexec.runtime.spec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest an image file must have, written {@code sha384:<hex>} in a spec. The loader compares it with the
 * digest of the exact bytes it loads; the compiler compares it when the file is there at compile time.
 */
public record PinnedDigest(HashAlgorithm algorithm, byte[] value) {

    public PinnedDigest {
        if (algorithm == HashAlgorithm.NONE || value.length != algorithm.digestLength()) {
            throw new IllegalArgumentException("A " + algorithm.keyword() + " digest has "
                    + algorithm.digestLength() + " bytes, not " + value.length + ".");
        }
        value = value.clone();
    }

    /**
     * Parses {@code algorithm:hex}.
     *
     * @throws IllegalArgumentException whose message says what is wrong and how to write it instead
     */
    public static PinnedDigest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Digest '" + text
                    + "' has no algorithm: write it as sha256:<hex>, sha384:<hex> or sha512:<hex>.");
        }
        String name = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        HashAlgorithm algorithm = HashAlgorithm.byKeyword(name);
        if (algorithm == null || algorithm == HashAlgorithm.NONE) {
            throw new IllegalArgumentException("Unknown digest algorithm '" + name
                    + "': use sha256, sha384 or sha512.");
        }
        int expectedDigits = algorithm.digestLength() * 2;
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("Digest has a non-hex character '" + hex.charAt(i)
                        + "' at position " + (colon + 2 + i) + ": use only 0-9 and a-f.");
            }
        }
        if (hex.length() != expectedDigits) {
            throw new IllegalArgumentException("A " + name + " digest has " + expectedDigits
                    + " hex digits, but this one has " + hex.length() + ": copy it again from "
                    + name + "sum.");
        }
        return new PinnedDigest(algorithm, HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** {@code sha384:<lower-case hex>}, the form specs use. */
    @Override
    public String toString() {
        return algorithm.keyword() + ":" + HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinnedDigest that && algorithm == that.algorithm && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }
}
