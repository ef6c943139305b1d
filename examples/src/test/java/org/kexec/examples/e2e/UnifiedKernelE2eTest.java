package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.UkiImages;
import org.kexec.runtime.verify.TestCertificates;

/**
 * Unified Kernel Images through the generated loader in a real guest: a UKI built here from Debian's systemd-stub,
 * Debian's kernel, the second-stage initramfs as its {@code .initrd} and a command line, loaded with kexec_load and
 * with kexec_file_load (through memfds of its sections), each booting into the second stage; and a UKI signed with a
 * test key refused when the boot requires another anchor.
 */
class UnifiedKernelE2eTest {

    private static final String UKI_CMDLINE = "console=ttyS0 panic=-1 kboot.e2e=uki";

    @TempDir
    Path work;

    private Path uki() throws Exception {
        byte[] secondStage = Files.readAllBytes(QemuGuest.secondStage(work));
        return UkiImages.build(work.resolve("uki"), DebianKernels.fetch("unsigned").path(), secondStage, UKI_CMDLINE + "\n",
                "6.1.0-57-amd64");
    }

    private static String spec(String pkg, Path uki, String load, String cmdline, String signedBy) {
        return """
                package %s

                trust test_ca "%s"

                kernel uki {
                    path "%s"
                    %s
                }

                boot unified {
                    target linux
                    load %s
                    kind default
                    kernel uki
                %s}
                """.formatted(pkg, uki.resolveSibling("ca.pem"), uki, signedBy, load,
                cmdline.isEmpty() ? "" : "    cmdline {\n        \"" + cmdline + "\"\n    }\n");
    }

    @Test
    void kexecLoadBootsTheUkisLinuxWithItsInitrdAndCmdline() throws Exception {
        Path uki = uki();
        Files.writeString(uki.resolveSibling("ca.pem"), TestCertificates.pem(TestCertificates.authority("CN=kboot test CA",
                TestCertificates.keyPair())));
        Path out = GeneratedLoaders.compile(work, "uki_load", spec("e2e", uki, "kexec_load", "", ""));
        String script = GeneratedLoaders.loader(out, "e2e.unified", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.unified", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 400, line -> line.contains("KBOOT-E2E second kernel"));
        System.out.printf("e2e timing: UKI with kexec_load: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("kernel e2e.uki is a Unified Kernel Image: it boots with its .cmdline \"" + UKI_CMDLINE
                + "\", as the boot writes no command line"), run.text());
        assertTrue(run.printed("loaded e2e.unified with kexec_load: "), run.text());
        assertEquals(UKI_CMDLINE, run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }

    @Test
    void kexecFileLoadBootsTheUkiWithTheBootsCmdlineAndASignedUkiNeedsItsAnchor() throws Exception {
        Path unsigned = uki();
        KeyPair caKeys = TestCertificates.keyPair();
        KeyPair signerKeys = TestCertificates.keyPair();
        Path folder = unsigned.getParent();
        Files.writeString(folder.resolve("signer.key"), TestCertificates.pem(signerKeys.getPrivate()));
        Files.writeString(folder.resolve("signer.pem"), TestCertificates.pem(TestCertificates.certificate("CN=uki signer",
                signerKeys, "CN=kboot test CA", caKeys, false, true)));
        // The boot trusts another CA than the one that certified the signer.
        Files.writeString(folder.resolve("ca.pem"), TestCertificates.pem(TestCertificates.authority("CN=other CA",
                TestCertificates.keyPair())));
        Path signed = folder.resolve("signed.efi");
        Process sbsign = new ProcessBuilder("sbsign", "--key", folder.resolve("signer.key").toString(), "--cert",
                folder.resolve("signer.pem").toString(), "--output", signed.toString(), unsigned.toString())
                .redirectErrorStream(true).start();
        String said = new String(sbsign.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sbsign.waitFor(), said);

        String cmdline = "console=ttyS0 panic=-1 kboot.e2e=uki-file";
        Path out = GeneratedLoaders.compile(work, "uki_file", spec("e2e", unsigned, "kexec_file_load", cmdline, ""));
        // Compiled while the signed UKI is elsewhere, as when a host's file changes after the build.
        Path refusedUki = folder.resolve("refused.efi");
        Path refusedOut = GeneratedLoaders.compile(work, "uki_signed", spec("e2e_signed", refusedUki, "kexec_file_load", "", "signed by test_ca"));
        Files.copy(signed, refusedUki);
        String script = GeneratedLoaders.loader(refusedOut, "e2e_signed.unified", "load") + "\n"
                + GeneratedLoaders.loader(refusedOut, "e2e_signed.unified", "status") + "\n"
                + GeneratedLoaders.loader(out, "e2e.unified", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.unified", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 400, line -> line.contains("KBOOT-E2E second kernel"));
        System.out.printf("e2e timing: signed UKI refused, UKI with kexec_file_load: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("e2e_signed.unified: e2e_signed.unified cannot be loaded: kboot refuses the load: " + refusedUki
                + " (image e2e_signed.uki) must be signed by [e2e_signed.test_ca], but signed by CN=uki signer (issuer CN=kboot test CA),"
                + " which does not chain to the trust anchors [CN=other CA]."), run.text());
        assertTrue(run.printed("default image not loaded, crash image not armed"), run.text());
        assertTrue(run.printed("kernel e2e.uki is a Unified Kernel Image: the boot's command line replaces its .cmdline \""
                + UKI_CMDLINE + "\""), run.text());
        assertFalse(run.printed("which the UKI's signature covers"), run.text());
        assertTrue(run.printed("loaded e2e.unified with kexec_file_load"), run.text());
        assertEquals(cmdline, run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }
}
