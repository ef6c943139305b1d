package org.kexec.runtime.backend;

import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

/**
 * A backend that calls nothing: dry runs ({@code kbootc plan}) plan through the same loader as real loads, and what
 * would have been handed over is kept for whoever asks. Nothing is ever loaded, so there is nothing to execute.
 */
public final class DryRunBackend implements KexecBackend {

    private final Target target;
    private final List<Object> handedOver = new ArrayList<>();

    /** A dry run of loads through {@code target}. */
    public DryRunBackend(Target target) {
        this.target = target;
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public void load(KexecPlan plan) {
        handedOver.add(plan);
    }

    @Override
    public void loadFile(FileLoad load) {
        handedOver.add(load);
    }

    @Override
    public void exec() throws KexecException {
        throw new KexecException("a dry run loads nothing, so there is nothing to execute", null);
    }

    @Override
    public void unload(BootKind kind) {
    }

    @Override
    public Status status() {
        return new Status(false, false, 0);
    }

    /** The plans and file loads handed over, in order. */
    public List<Object> handedOver() {
        return List.copyOf(handedOver);
    }
}
