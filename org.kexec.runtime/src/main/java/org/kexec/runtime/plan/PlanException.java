package org.kexec.runtime.plan;

import java.util.List;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;

/** A plan that breaks a rule: says which, with the errno the kernel would return and the segment table. */
public class PlanException extends ViolationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Segment> segments;

    public PlanException(Violation violation, List<Segment> segments) {
        super(violation);
        this.segments = List.copyOf(segments);
    }

    /** The segments as planned when the rule was broken (possibly incomplete). */
    public List<Segment> segments() {
        return segments;
    }
}
