package org.kexec.generator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.ElfImage;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.ImageInspection;
import org.kexec.runtime.image.KernelPayload;
import org.kexec.runtime.image.UnifiedKernelImage;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.ViolationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kbootc inspect}: what kboot reads from a kernel image. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints the boot-protocol header, PE headers and payload compression of a bzImage kernel and the ELF"
                + " vmlinux inside its payload (segments, Xen and Linux notes, the PVH entry), then applies kboot's kernel"
                + " rules to it; for a Unified Kernel Image, its sections, .osrel, .uname and .cmdline, then the kernel in"
                + " its .linux; for an ELF vmlinux, its segments and notes. Exit status 1 when the file is not a kernel"
                + " kboot reads, naming the field that is wrong.",
        footer = {"", "Examples:", "  kbootc inspect /boot/vmlinuz-6.1.0-56-amd64", "  kbootc inspect vmlinux"})
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
        PrintWriter out = spec.commandLine().getOut();
        if (ElfImage.isElf(bytes)) {
            try {
                ImageInspection.lines(ElfImage.parse(bytes)).forEach(out::println);
                return Kbootc.ExitCodes.OK;
            } catch (ImageFormatException e) {
                err.println("kbootc: " + image + " is not an ELF kernel kboot reads: " + e.getMessage());
                return Kbootc.ExitCodes.FINDINGS;
            }
        }
        Optional<UnifiedKernelImage> uki;
        try {
            uki = UnifiedKernelImage.of(bytes);
        } catch (ImageFormatException e) {
            err.println("kbootc: " + image + " has broken PE headers: " + e.getMessage());
            return Kbootc.ExitCodes.FINDINGS;
        }
        BzImage kernel;
        try {
            if (uki.isPresent()) {
                ImageInspection.lines(uki.get()).forEach(out::println);
                kernel = uki.get().linux();
                bytes = kernel.bytes();
                out.println("the kernel in .linux:");
            } else {
                kernel = BzImage.parse(bytes);
            }
            ImageInspection.lines(kernel).forEach(out::println);
        } catch (ImageFormatException e) {
            err.println("kbootc: " + image + " is not a bzImage kernel: " + e.getMessage());
            return Kbootc.ExitCodes.FINDINGS;
        }
        if (kernel.header().payloadLength() > 0) {
            try {
                ImageInspection.lines(KernelPayload.vmlinux(kernel)).forEach(out::println);
            } catch (ImageFormatException e) {
                out.println("vmlinux             not read: " + e.getMessage());
            }
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
