package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.CommandLines;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.verify.TestCertificates;

/**
 * A boot whose kernel file is a Unified Kernel Image (Debian's systemd-stub, Debian's kernel, an initrd and a command
 * line): verified as the whole PE, then booted as its {@code .linux} with its {@code .initrd} before the boot's
 * initrds, and its {@code .cmdline} unless the boot writes its own.
 */
class UnifiedKernelBootTest {

    private static final String UKI_CMDLINE = "console=ttyS0 root=/dev/vda ro";
    private static final byte[] UKI_INITRD = "the UKI's own initrd".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTRA_INITRD = "the boot's initrd".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path folder;

    static byte[] kernel;

    @BeforeAll
    static void buildUki() throws Exception {
        Path debian = DebianKernels.fetch("unsigned").path();
        kernel = Files.readAllBytes(debian);
        Files.copy(UkiImages.build(folder.resolve("build"), debian, UKI_INITRD, UKI_CMDLINE + "\n", "6.1.0-57-amd64"),
                folder.resolve("uki.efi"));
        Files.write(folder.resolve("extra.img"), EXTRA_INITRD);
    }

    private static BootSpec boot(List<String> cmdline, List<TrustAnchorSpec> signers) {
        BootSpec base = TestBoots.withKernel(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0),
                new ImageSpec("uki", ImageRole.KERNEL, "uki.efi", Optional.empty(), signers));
        return new BootSpec(base.name(), base.target(), base.lockdown(), base.loadMode(), base.kind(), base.entry(), base.kernel(),
                List.of(new ImageSpec("extra", ImageRole.INITRD, "extra.img", Optional.empty(), List.of())),
                new CmdlineSpec(false, List.of(), cmdline, List.of()), base.crash(), base.purgatory(), base.placement());
    }

    @Test
    void bootsItsLinuxWithItsInitrdFirstAndItsCmdlineWhenTheBootWritesNone() throws Exception {
        BootSpec spec = boot(List.of(), List.of());
        BootImages images = BootImages.accept(spec, HostFiles.of(folder));

        assertArrayEquals(kernel, images.kernel().bytes());
        assertEquals(List.of("uki.efi (.initrd)", "extra.img"), images.initrds().stream().map(NamedBytes::name).toList());
        assertEquals(ByteBuffer.wrap(UKI_INITRD), images.initrds().get(0).contents());
        assertEquals(ByteBuffer.wrap(EXTRA_INITRD), images.initrds().get(1).contents());
        assertEquals(Optional.of(UKI_CMDLINE), images.embeddedCmdline());
        assertEquals(UKI_CMDLINE, CommandLines.compose(spec.cmdline(), "", images.embeddedCmdline()));
        assertEquals(Optional.of(new CommandLines.EmbeddedChoice("kernel uki is a Unified Kernel Image: it boots with its"
                + " .cmdline \"" + UKI_CMDLINE + "\", as the boot writes no command line", false)),
                CommandLines.embeddedChoice(spec.kernel(), spec.cmdline(), images.embeddedCmdline()));

        KexecPlan plan = SegmentPlanner.plan(PlanInputs.of(spec, images.kernel(), images.initrds(), UKI_CMDLINE,
                MemoryProfiles.load("qemu-1g"), Optional.empty(), CrashSources.none()));
        assertEquals(List.of("kernel uki.efi", "initrd uki:initrd uki.efi (.initrd)", "initrd extra extra.img",
                "boot_params built", "purgatory kboot purgatory"),
                plan.segments().stream().map(segment -> segment.role() + " " + segment.source()).toList());
    }

    @Test
    void aSignedUkiVerifiesAsAWholeAndItsReplacedCmdlineIsSaid() throws Exception {
        KeyPair caKeys = TestCertificates.keyPair();
        KeyPair signerKeys = TestCertificates.keyPair();
        Files.writeString(folder.resolve("ca.pem"), TestCertificates.pem(TestCertificates.authority("CN=kboot test CA", caKeys)));
        Files.writeString(folder.resolve("other.pem"), TestCertificates.pem(TestCertificates.authority("CN=other CA",
                TestCertificates.keyPair())));
        Files.writeString(folder.resolve("signer.key"), TestCertificates.pem(signerKeys.getPrivate()));
        Files.writeString(folder.resolve("signer.pem"), TestCertificates.pem(TestCertificates.certificate("CN=signer",
                signerKeys, "CN=kboot test CA", caKeys, false, true)));
        Path signed = folder.resolve("signed");
        Files.createDirectories(signed);
        Files.copy(folder.resolve("extra.img"), signed.resolve("extra.img"));
        Files.copy(folder.resolve("ca.pem"), signed.resolve("ca.pem"));
        Files.copy(folder.resolve("other.pem"), signed.resolve("other.pem"));
        Process sbsign = new ProcessBuilder("sbsign", "--key", folder.resolve("signer.key").toString(), "--cert",
                folder.resolve("signer.pem").toString(), "--output", signed.resolve("uki.efi").toString(),
                folder.resolve("uki.efi").toString()).redirectErrorStream(true).start();
        String said = new String(sbsign.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sbsign.waitFor(), said);

        BootSpec trusted = boot(List.of("quiet"), List.of(new TrustAnchorSpec("test_ca", "ca.pem")));
        BootImages images = BootImages.accept(trusted, HostFiles.of(signed));
        assertArrayEquals(kernel, images.kernel().bytes());
        assertEquals("quiet", CommandLines.compose(trusted.cmdline(), "", images.embeddedCmdline()));
        assertEquals(Optional.of(new CommandLines.EmbeddedChoice("kernel uki is a Unified Kernel Image: the boot's command"
                + " line replaces its .cmdline \"" + UKI_CMDLINE + "\", which the UKI's signature covers: the command line"
                + " that boots is not the signed one; drop the boot's cmdline to boot the signed one", true)),
                CommandLines.embeddedChoice(trusted.kernel(), trusted.cmdline(), images.embeddedCmdline()));

        BootSpec other = boot(List.of(), List.of(new TrustAnchorSpec("other_ca", "other.pem")));
        assertEquals("kboot refuses the load: uki.efi (image uki) must be signed by [other_ca], but signed by CN=signer"
                + " (issuer CN=kboot test CA), which does not chain to the trust anchors [CN=other CA].", assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(other, HostFiles.of(signed))).getMessage());
    }

    @Test
    void aUkiWithDamagedHeadersOrAKernelThatIsNoneIsRefusedInOneLine() throws Exception {
        byte[] uki = Files.readAllBytes(folder.resolve("uki.efi"));
        byte[] truncated = Arrays.copyOf(uki, uki.length / 2);
        assertEquals("ENOEXEC (the load): uki.efi is neither a bzImage nor a Unified Kernel Image: its PE headers are"
                + " damaged: section 11: its data at 0x11a00+0x7dd200 ends past the end of the " + truncated.length + "-byte file.",
                assertThrows(ViolationException.class, () -> KernelRules.acceptFile("uki.efi", truncated, KernelEntry.BOOT_PROTOCOL)).getMessage());
        byte[] stub = Files.readAllBytes(UkiImages.stub());
        assertEquals("ENOEXEC (the load): stub.efi is a PE file without a .linux section: neither a bzImage nor a Unified"
                + " Kernel Image.", assertThrows(ViolationException.class, () -> KernelRules.acceptFile("stub.efi", stub, KernelEntry.BOOT_PROTOCOL)).getMessage());
    }
}
