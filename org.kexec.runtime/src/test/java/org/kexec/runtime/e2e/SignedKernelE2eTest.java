package org.kexec.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;

/**
 * In a real guest, a boot that requires Debian's signature: kboot refuses the unsigned kernel itself, before
 * kexec_load (which checks nothing without lockdown), and loads and boots Debian's signed kernel.
 */
class SignedKernelE2eTest {

    private static final String CMDLINE = "console=ttyS0 panic=-1 kboot.e2e=signed";

    @TempDir
    Path work;

    private Path bootJson(Path kernel) throws Exception {
        BootSpec spec = new BootSpec("e2e.signed", Target.LINUX, false, LoadMode.KEXEC_LOAD, BootKind.DEFAULT,
                new ImageSpec("debian", ImageRole.KERNEL, kernel.toString(), Optional.empty(),
                        List.of(new TrustAnchorSpec("debian_ca", DebianKernels.secureBootCa().toString()))),
                List.of(), new CmdlineSpec(false, List.of(), List.of(CMDLINE), List.of()), Optional.empty(),
                new PurgatorySpec(HashAlgorithm.SHA256, Optional.empty(), PurgatorySpec.defaultRegisters()),
                PlacementSpec.defaults());
        Path json = work.resolve("boot.json");
        Files.writeString(json, BootSpecJson.write(spec));
        return json;
    }

    /** Boots a guest that runs the loader on {@code kernel}, until a console line holds {@code until}. */
    private QemuGuest.Run load(Path kernel, String until, String scenario) throws Exception {
        QemuGuest.Run run = QemuGuest.run(work, QemuGuest.java(GuestLoader.class.getName(), bootJson(kernel).toString()), 300,
                line -> line.contains(until));
        System.out.printf("e2e timing: %s: %.1f s%n", scenario, run.millis() / 1000.0);
        return run;
    }

    @Test
    void anUnsignedKernelIsRefusedAndNothingIsLoaded() throws Exception {
        Path unsigned = DebianKernels.fetch("unsigned").path();
        QemuGuest.Run run = load(unsigned, "KBOOT-E2E status", "unsigned kernel refused");
        String console = String.join("\n", run.console());
        assertTrue(run.printed("KBOOT-E2E refused: " + unsigned + " (image debian) must be signed by [debian_ca], but"
                + " unsigned: the PE certificate table is empty."), console);
        assertTrue(run.printed("KBOOT-E2E status Status[defaultLoaded=false, crashLoaded=false, crashSize=0]"), console);
    }

    @Test
    void debiansSignedKernelIsLoadedAndBoots() throws Exception {
        QemuGuest.Run run = load(DebianKernels.fetch("signed").path(), "Kernel panic", "signed kernel loaded and booted");
        String console = String.join("\n", run.console());
        assertFalse(run.printed("KBOOT-E2E refused"), console);
        assertTrue(run.printed("KBOOT-E2E loaded Status[defaultLoaded=true, crashLoaded=false, crashSize=0]"), console);
        assertTrue(run.printed("Command line: " + CMDLINE), "the kexec'd kernel did not start:\n" + console);
    }
}
