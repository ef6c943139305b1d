package org.kexec.maven;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.kexec.generator.cli.Kbootc;

/**
 * What every goal shares: the specs folder, and running one kbootc command on it in the build's JVM, its lines in the
 * build log (errors as errors, warnings as warnings) and its failure as the build's, with kbootc's own summary.
 */
abstract class KbootcMojo extends AbstractMojo {

    /** The folder of .kboot specs, searched recursively. */
    @Parameter(property = "kboot.specs", defaultValue = "${project.basedir}/src/main/kboot")
    protected File specs;

    /** Skips the goal. */
    @Parameter(property = "kboot.skip", defaultValue = "false")
    private boolean skip;

    /** The kbootc arguments after the command and the specs folder. */
    protected abstract List<String> arguments();

    /** The kbootc command this goal runs. */
    protected abstract String command();

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("kboot " + command() + " skipped (kboot.skip)");
            return;
        }
        if (!specs.isDirectory()) {
            getLog().info("No specs folder " + specs + "; nothing to " + command());
            return;
        }
        List<String> args = new ArrayList<>(List.of(command(), specs.getPath()));
        args.addAll(arguments());
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int status = Kbootc.commandLine(writer, writer).execute(args.toArray(String[]::new));
        String last = "";
        for (String line : output.toString().lines().toList()) {
            if (line.contains(": error: ")) {
                getLog().error(line);
            } else if (line.contains(": warning: ")) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
            last = line.startsWith("kbootc: ") ? line.substring("kbootc: ".length()) : last;
        }
        if (status != 0) {
            throw new MojoFailureException("kboot " + command() + " failed" + (last.isEmpty() ? " (exit status " + status + ")" : ": " + last));
        }
    }
}
