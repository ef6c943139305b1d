package org.kexec.runtime.rules;

/**
 * A rule a boot breaks, in the words every kboot command uses for it.
 *
 * @param rule    which rule
 * @param errno   what the kernel (or Xen) would return for it; null for rules only kboot checks
 * @param segment index of the offending segment in the plan, or -1 for the boot as a whole
 * @param reason  what is wrong and how to fix it, in a sentence
 */
public record Violation(Rule rule, Errno errno, int segment, String reason) {

    /** A violation of the boot as a whole. */
    public static Violation of(Rule rule, Errno errno, String reason) {
        return new Violation(rule, errno, -1, reason);
    }

    /** {@code EADDRNOTAVAIL (segment 3): …}, or {@code kboot refuses the load: …} for rules only kboot checks. */
    public String describe() {
        String where = segment >= 0 ? "segment " + segment : "the load";
        return (errno == null ? "kboot refuses " + where : errno.name() + " (" + where + ")") + ": " + reason;
    }
}
