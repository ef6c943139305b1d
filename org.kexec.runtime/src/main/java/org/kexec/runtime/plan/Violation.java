package org.kexec.runtime.plan;

/**
 * A rule a plan breaks.
 *
 * @param errno   what the kernel (or Xen) would return for it; null for rules only kboot checks
 * @param segment index of the offending segment in the plan, or -1 for the plan as a whole
 * @param reason  what is wrong, in a sentence
 */
public record Violation(Errno errno, int segment, String reason) {

    /** {@code EADDRNOTAVAIL (segment 3): …}. */
    public String describe() {
        String where = segment >= 0 ? "segment " + segment : "the load";
        return (errno == null ? "kboot refuses " + where : errno.name() + " (" + where + ")") + ": " + reason;
    }
}
