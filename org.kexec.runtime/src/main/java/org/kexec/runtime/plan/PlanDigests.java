package org.kexec.runtime.plan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.spec.HashAlgorithm;

/**
 * The digest a purgatory verifies, computed exactly as it will re-hash physical memory: for every segment but the
 * purgatory itself (whose table holds the digest) and Xen's fillers (which carry nothing), the buffer followed by
 * zeros up to memsz, in segment order.
 */
public final class PlanDigests {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private PlanDigests() {
    }

    public static KexecPlan.PlanDigest compute(HashAlgorithm algorithm, List<Segment> segments) {
        List<long[]> regions = new ArrayList<>();
        for (Segment segment : segments) {
            if (!segment.role().equals("purgatory") && !segment.filler()) {
                regions.add(new long[] {segment.mem(), segment.memsz()});
            }
        }
        if (algorithm == HashAlgorithm.NONE) {
            return new KexecPlan.PlanDigest(algorithm, regions, new byte[0]);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JRE lacks " + algorithm.jcaName(), e);
        }
        for (Segment segment : segments) {
            if (segment.role().equals("purgatory") || segment.filler()) {
                continue;
            }
            digest.update(segment.buf());
            for (long zeros = segment.memsz() - segment.bufsz(); zeros > 0; zeros -= Math.min(zeros, ZEROS.length)) {
                digest.update(ZEROS, 0, (int) Math.min(zeros, ZEROS.length));
            }
        }
        return new KexecPlan.PlanDigest(algorithm, regions, digest.digest());
    }
}
