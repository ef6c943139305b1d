package org.kexec.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code kboot:compile}: validates the specs and writes every boot's outputs (boot.json, purgatory tables, the loader
 * with its jars) as {@code kbootc compile} does, all or nothing.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class CompileMojo extends KbootcMojo {

    /** Where the boots' folders are written. */
    @Parameter(property = "kboot.output", defaultValue = "${project.build.directory}/kboot")
    private File output;

    @Override
    protected String command() {
        return "compile";
    }

    @Override
    protected List<String> arguments() {
        return List.of("-o", output.getPath());
    }
}
