package org.kexec.runtime.plan;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.verify.DigestFeed;

/**
 * The digest a purgatory verifies, computed exactly as it will re-hash physical memory: for every segment but the
 * purgatory itself (whose table holds the digest) and Xen's fillers (which carry nothing), the bytes copied from its
 * buffer, in segment order. The rest up to memsz is zero fill, not data: kexec-tools' purgatory does not hash it
 * either, and a kernel's memsz is about eight times its bufsz, so hashing it would cost a pass over tens of MiB of
 * zeros at every boot.
 */
public final class PlanDigests {

    private PlanDigests() {
    }

    public static KexecPlan.PlanDigest compute(HashAlgorithm algorithm, List<Segment> segments) {
        List<long[]> regions = new ArrayList<>();
        for (Segment segment : segments) {
            if (!segment.purgatory() && !segment.filler()) {
                regions.add(new long[] {segment.mem(), segment.bufsz()});
            }
        }
        if (algorithm == HashAlgorithm.NONE) {
            return new KexecPlan.PlanDigest(algorithm, regions, new byte[0]);
        }
        MessageDigest digest = DigestFeed.newDigest(algorithm);
        for (Segment segment : segments) {
            if (segment.purgatory() || segment.filler()) {
                continue;
            }
            DigestFeed.update(digest, segment.buf());
        }
        return new KexecPlan.PlanDigest(algorithm, regions, digest.digest());
    }
}
