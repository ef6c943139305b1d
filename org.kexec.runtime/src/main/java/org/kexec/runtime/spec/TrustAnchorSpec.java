package org.kexec.runtime.spec;

/** A named X.509 certificate file that image signatures may chain to; the path is as written in the spec. */
public record TrustAnchorSpec(String name, String certificate) {
}
