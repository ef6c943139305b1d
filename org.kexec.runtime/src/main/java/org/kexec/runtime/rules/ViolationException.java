package org.kexec.runtime.rules;

/** A refusal because a rule is broken; the message is the violation's {@link Violation#describe() description}. */
public class ViolationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public ViolationException(Violation violation) {
        super(violation.describe());
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
