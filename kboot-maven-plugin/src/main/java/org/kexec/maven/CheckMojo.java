package org.kexec.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code kboot:check}: validates the specs as {@code kbootc check} does; errors fail the build. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class CheckMojo extends KbootcMojo {

    @Override
    protected String command() {
        return "check";
    }

    @Override
    protected List<String> arguments() {
        return List.of();
    }
}
