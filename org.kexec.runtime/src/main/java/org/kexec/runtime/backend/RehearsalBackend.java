package org.kexec.runtime.backend;

import org.kexec.runtime.plan.FileLoad;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.Target;

/**
 * A host's backend as the run that records a loader's class-data archive uses it: every load goes as far as the host's
 * backend takes it short of the kernel or Xen ({@link KexecBackend#rehearse}) and succeeds, and the status is the
 * host's. A load through it takes every other step a real load takes, so the archive holds what later loads use.
 */
public final class RehearsalBackend implements KexecBackend {

    private final KexecBackend host;

    /** Rehearses loads through {@code host}. */
    public RehearsalBackend(KexecBackend host) {
        this.host = host;
    }

    @Override
    public Target target() {
        return host.target();
    }

    @Override
    public void load(KexecPlan plan) {
        host.rehearse(plan);
    }

    @Override
    public void loadFile(FileLoad load) {
        host.rehearse(load);
    }

    @Override
    public void exec() throws KexecException {
        throw new KexecException("a rehearsal loads nothing, so there is nothing to execute", null);
    }

    @Override
    public void unload(BootKind kind) throws KexecException {
        throw new KexecException("a rehearsal loads nothing, so there is nothing to unload", null);
    }

    @Override
    public Status status() throws KexecException {
        return host.status();
    }
}
