package org.kexec.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.SerialConsole;
import org.kexec.runtime.spec.Target;

/**
 * In a real guest (QEMU, TCG, Debian's kernel), one byte of a loaded region changes after kboot computed the digest,
 * as if memory had been overwritten between load and boot: kboot's purgatory refuses to boot. (Generated loaders
 * booting the probe through the purgatory with each hash are in the examples' end-to-end suite.)
 */
class PurgatoryProbeE2eTest {

    private static final Path PROBE = Path.of("target/classes/org/kexec/runtime/probe/kboot-probe.bzImage").toAbsolutePath();

    @TempDir
    Path work;

    private Path bootJson(byte[] initrd) throws Exception {
        Files.write(work.resolve("initrd.img"), initrd);
        BootSpec spec = new BootSpec("e2e.probe", Target.LINUX, false, LoadMode.KEXEC_LOAD, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL,
                new ImageSpec("probe", ImageRole.KERNEL, PROBE.toString(), Optional.empty(), List.of()),
                List.of(new ImageSpec("initrd", ImageRole.INITRD, "initrd.img", Optional.empty(), List.of())),
                new CmdlineSpec(false, List.of(), List.of("console=ttyS0"), List.of()), Optional.empty(),
                new PurgatorySpec(HashAlgorithm.SHA256, Optional.of(new SerialConsole(0x3f8, 115200)),
                        PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL)), PlacementSpec.defaults());
        Path json = work.resolve("boot.json");
        Files.writeString(json, BootSpecJson.write(spec));
        return json;
    }

    @Test
    void aCorruptedRegionMakesThePurgatoryRefuse() throws Exception {
        Path json = bootJson(new byte[100_000]);
        QemuGuest.Run run = QemuGuest.run(work, QemuGuest.java(GuestLoader.class.getName(), json.toString()), 300,
                line -> line.contains("  actual   "));
        System.out.printf("e2e timing: corrupted region refused: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.stoppedEarly(), String.join("\n", run.console()));
        assertTrue(run.printed("kboot purgatory: digest mismatch, not booting"));
        String digest = run.console().stream().filter(l -> l.contains("KBOOT-E2E digest")).findFirst().orElseThrow();
        String expected = run.console().stream().filter(l -> l.contains("  expected ")).findFirst().orElseThrow();
        assertTrue(digest.endsWith(expected.substring(expected.indexOf("expected ") + 9).strip()), expected + " vs " + digest);
        assertFalse(run.printed("KBOOT-PROBE start"), "nothing was booted");
    }
}
