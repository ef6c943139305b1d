package org.kexec.generator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.ImageInspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kbootc inspect}: what kboot reads from a kernel image. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints the boot-protocol header, PE headers and payload compression of a bzImage kernel."
                + " Exit status 1 when the file is not a valid bzImage, naming the field that is wrong.",
        footer = {"", "Examples:", "  kbootc inspect /boot/vmlinuz-6.1.0-56-amd64"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "A kernel image file.")
    private Path image;

    @Override
    public Integer call() throws UsageException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            throw new UsageException("cannot read " + image + ": " + (Files.isDirectory(image) ? "is a directory" : e.getMessage()));
        }
        try {
            ImageInspection.lines(BzImage.parse(bytes)).forEach(spec.commandLine().getOut()::println);
            return Kbootc.ExitCodes.OK;
        } catch (ImageFormatException e) {
            spec.commandLine().getErr().println("kbootc: " + image + " is not a bzImage kernel: " + e.getMessage());
            return Kbootc.ExitCodes.FINDINGS;
        }
    }
}
