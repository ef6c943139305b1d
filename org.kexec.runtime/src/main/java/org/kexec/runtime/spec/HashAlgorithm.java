package org.kexec.runtime.spec;

/** The digest a purgatory re-computes over the loaded segments before it jumps, and pinned image digests use. */
public enum HashAlgorithm implements Keyword {
    SHA256("sha256", "SHA-256", 32),
    SHA384("sha384", "SHA-384", 48),
    SHA512("sha512", "SHA-512", 64),
    /** No verification at all: the purgatory jumps without checking what it jumps into. */
    NONE("none", null, 0);

    private final String keyword;
    private final String jcaName;
    private final int digestLength;

    HashAlgorithm(String keyword, String jcaName, int digestLength) {
        this.keyword = keyword;
        this.jcaName = jcaName;
        this.digestLength = digestLength;
    }

    /** The name in specs and JSON: {@code sha256}. */
    @Override
    public String keyword() {
        return keyword;
    }

    /** The JCA {@code MessageDigest} name, or null for {@link #NONE}. */
    public String jcaName() {
        return jcaName;
    }

    /** Digest length in bytes (0 for {@link #NONE}). */
    public int digestLength() {
        return digestLength;
    }

    /** The algorithm with this keyword, or null. */
    public static HashAlgorithm byKeyword(String keyword) {
        return Keyword.lookup(HashAlgorithm.class, keyword);
    }
}
