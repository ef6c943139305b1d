package org.kexec.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code kboot:review}: writes the review pages and summaries of every boot as {@code kbootc review} does and, with a
 * base, the comparison comment; {@code failOn} makes a risky change (or any) fail the build.
 */
@Mojo(name = "review", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ReviewMojo extends KbootcMojo {

    /** Where the pages are written. */
    @Parameter(property = "kboot.review.output", defaultValue = "${project.build.directory}/kboot-review")
    private File output;

    /** A git revision of the project's repository, or a folder of old specs, to compare with. */
    @Parameter(property = "kboot.review.base")
    private String base;

    /** never, risky or change: what in the comparison fails the build. */
    @Parameter(property = "kboot.review.failOn", defaultValue = "never")
    private String failOn;

    /** A memory map (bundled profile or recorded /proc/iomem) to plan against instead of each boot's. */
    @Parameter(property = "kboot.review.memmap")
    private String memmap;

    /** A host's root file system to read absolute image paths under. */
    @Parameter(property = "kboot.review.root")
    private File root;

    /** The command line 'reuse running' takes. */
    @Parameter(property = "kboot.review.runningCmdline")
    private String runningCmdline;

    /** The kernel release 'release running' takes. */
    @Parameter(property = "kboot.review.runningRelease")
    private String runningRelease;

    @Override
    protected String command() {
        return "review";
    }

    @Override
    protected List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("-o", output.getPath()));
        if (base != null) {
            arguments.addAll(List.of("--base", base, "--fail-on", failOn));
        }
        if (memmap != null) {
            arguments.addAll(List.of("--memmap", memmap));
        }
        if (root != null) {
            arguments.addAll(List.of("--root", root.getPath()));
        }
        if (runningCmdline != null) {
            arguments.addAll(List.of("--running-cmdline", runningCmdline));
        }
        if (runningRelease != null) {
            arguments.addAll(List.of("--running-release", runningRelease));
        }
        return arguments;
    }
}
