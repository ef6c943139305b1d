package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

/**
 * In a real guest, a boot that requires Debian's signature and loads with kexec_load, where the kernel checks
 * nothing: the generated loader refuses Debian's unsigned kernel itself, before the call, and loads and boots the
 * signed one.
 */
class SignedKernelE2eTest {

    private static final String CMDLINE = "console=ttyS0 panic=-1 kboot.e2e=signed";

    @TempDir
    Path work;

    private Path compile(Path kernel) throws Exception {
        return GeneratedLoaders.compile(work, "signed", """
                package e2e

                trust debian_ca "%s"

                kernel debian {
                    path "%s"
                    signed by debian_ca
                }

                boot signed_reboot {
                    target linux
                    load kexec_load
                    kind default
                    kernel debian
                    cmdline {
                        "%s"
                    }
                }
                """.formatted(DebianKernels.secureBootCa(), kernel, CMDLINE));
    }

    @Test
    void anUnsignedKernelIsRefusedAndNothingIsLoaded() throws Exception {
        Path unsigned = DebianKernels.fetch("unsigned").path();
        Path out = compileUnchecked(unsigned);
        String script = GeneratedLoaders.loader(out, "e2e.signed_reboot", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.signed_reboot", "status") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 300, line -> line.contains("KBOOT-E2E script ended"));
        System.out.printf("e2e timing: unsigned kernel refused: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("e2e.signed_reboot: e2e.signed_reboot cannot be loaded: kboot refuses the load: "
                + work.resolve("vmlinuz") + " (image e2e.debian) must be signed by [e2e.debian_ca], but unsigned: the PE"
                + " certificate table is empty."), run.text());
        assertTrue(run.printed("default image not loaded, crash image not armed"), run.text());
    }

    @Test
    void debiansSignedKernelIsLoadedAndBoots() throws Exception {
        Path out = compile(DebianKernels.fetch("signed").path());
        String script = GeneratedLoaders.loader(out, "e2e.signed_reboot", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.signed_reboot", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 300, line -> line.contains("Kernel panic"));
        System.out.printf("e2e timing: signed kernel loaded and booted: %.1f s%n", run.millis() / 1000.0);
        assertFalse(run.printed("must be signed by"), run.text());
        assertTrue(run.printed("default image loaded, crash image not armed"), run.text());
        assertTrue(run.printed("Command line: " + CMDLINE), "the kexec'd kernel did not start:\n" + run.text());
    }

    /**
     * kbootc itself refuses to compile a required signature that does not hold (rule signature), so the
     * unsigned case compiles the spec against the signed kernel and then points the compiled boot at the unsigned
     * one, as when a host's file was replaced after the build.
     */
    private Path compileUnchecked(Path unsigned) throws Exception {
        Path signedCopy = work.resolve("vmlinuz");
        Files.copy(DebianKernels.fetch("signed").path(), signedCopy);
        Path out = compile(signedCopy);
        Files.copy(unsigned, signedCopy, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }
}
