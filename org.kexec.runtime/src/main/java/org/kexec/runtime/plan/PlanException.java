package org.kexec.runtime.plan;

import java.util.List;

/** A plan that breaks a rule: says which, with the errno the kernel would return and the segment table. */
public class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;
    private final transient List<Segment> segments;

    public PlanException(Violation violation, List<Segment> segments) {
        super(violation.describe());
        this.violation = violation;
        this.segments = List.copyOf(segments);
    }

    public Violation violation() {
        return violation;
    }

    /** The segments as planned when the rule was broken (possibly incomplete). */
    public List<Segment> segments() {
        return segments;
    }
}
