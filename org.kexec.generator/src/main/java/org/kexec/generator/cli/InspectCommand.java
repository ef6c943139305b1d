package org.kexec.generator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.ImageInspection;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.ViolationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kbootc inspect}: what kboot reads from a kernel image. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints the boot-protocol header, PE headers and payload compression of a bzImage kernel, then"
                + " applies kboot's kernel rules to it. Exit status 1 when the file is not a kernel kboot boots, naming"
                + " the field that is wrong.",
        footer = {"", "Examples:", "  kbootc inspect /boot/vmlinuz-6.1.0-56-amd64"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "A kernel image file.")
    private Path image;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = HostFiles.readBounded(image);
        } catch (ViolationException e) {
            err.println("kbootc: " + image + " " + e.violation().reason());
            return Kbootc.ExitCodes.FINDINGS;
        }
        try {
            ImageInspection.lines(BzImage.parse(bytes)).forEach(spec.commandLine().getOut()::println);
        } catch (ImageFormatException e) {
            err.println("kbootc: " + image + " is not a bzImage kernel: " + e.getMessage());
            return Kbootc.ExitCodes.FINDINGS;
        }
        try {
            KernelRules.accept(image.toString(), bytes);
            return Kbootc.ExitCodes.OK;
        } catch (ViolationException e) {
            err.println("kbootc: " + e.getMessage());
            return Kbootc.ExitCodes.FINDINGS;
        }
    }
}
