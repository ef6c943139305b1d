package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kexec.generator.cli.Kbootc;
import org.kexec.runtime.e2e.QemuGuest;

/** Compiles a spec written by a test with kbootc, as a build would, and gives the commands that run its loader. */
final class GeneratedLoaders {

    private GeneratedLoaders() {
    }

    /** Writes {@code spec} to {@code work/<name>.kboot}, compiles it, and returns the output folder. */
    static Path compile(Path work, String name, String spec) throws Exception {
        Path file = work.resolve(name + ".kboot");
        Files.writeString(file, spec);
        Path out = work.resolve("out-" + name);
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        assertEquals(0, Kbootc.commandLine(writer, writer).execute("compile", file.toString(), "-o", out.toString()),
                output.toString());
        return out;
    }

    /** The guest's command for {@code <boot>/loader COMMAND}, as the README tells hosts to run a boot. */
    static String loader(Path out, String boot, String command) {
        return QemuGuest.command(out.resolve(boot).resolve("loader").toString(), command);
    }

    /** A shell snippet that runs {@code command} and prints how long it took, by the guest's clock, after {@code label}. */
    static String timed(String label, String command) {
        return "a=$(cut -d' ' -f1 /proc/uptime); " + command + "; b=$(cut -d' ' -f1 /proc/uptime); echo \"KBOOT-E2E time "
                + label + " $a $b\"\n";
    }

    /** Seconds a {@link #timed} snippet measured. */
    static double seconds(QemuGuest.Run run, String label) {
        String[] fields = run.after("KBOOT-E2E time " + label + " ").split(" ");
        return Double.parseDouble(fields[1]) - Double.parseDouble(fields[0]);
    }
}
