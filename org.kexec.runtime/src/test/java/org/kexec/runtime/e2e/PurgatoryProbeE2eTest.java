package org.kexec.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.SerialConsole;
import org.kexec.runtime.spec.Target;

/**
 * In a real guest (QEMU, TCG, Debian's kernel), kboot plans the probe payload, loads it with kexec_load through its
 * Linux backend and reboots into it through kboot's purgatory. The probe reports what it received.
 */
class PurgatoryProbeE2eTest {

    private static final Path PROBE = Path.of("target/classes/org/kexec/runtime/probe/kboot-probe.bzImage").toAbsolutePath();

    @TempDir
    Path work;

    private Path bootJson(HashAlgorithm hash, byte[] initrd) throws Exception {
        Files.write(work.resolve("initrd.img"), initrd);
        Map<Register, RegisterValue> registers = new EnumMap<>(PurgatorySpec.defaultRegisters());
        registers.put(Register.RDI, new RegisterValue.Literal(0x6b626f6f74L));
        registers.put(Register.RBP, new RegisterValue.Literal(0x1234));
        registers.put(Register.R15, new RegisterValue.Literal(0xfedcba9876543210L));
        BootSpec spec = new BootSpec("e2e.probe", Target.LINUX, false, LoadMode.KEXEC_LOAD, BootKind.DEFAULT,
                new ImageSpec("probe", ImageRole.KERNEL, PROBE.toString(), Optional.empty(), List.of()),
                List.of(new ImageSpec("initrd", ImageRole.INITRD, "initrd.img", Optional.empty(), List.of())),
                new CmdlineSpec(false, List.of(), List.of("kboot.e2e=" + hash.keyword(), "console=ttyS0"), List.of()),
                Optional.empty(), new PurgatorySpec(hash, Optional.of(new SerialConsole(0x3f8, 115200)), registers),
                PlacementSpec.defaults());
        Path json = work.resolve("boot.json");
        Files.writeString(json, BootSpecJson.write(spec));
        return json;
    }

    /** The value of {@code name=} in the plan's "registers" line the guest printed. */
    private static String planned(QemuGuest.Run run, String name) {
        String line = run.console().stream().filter(l -> l.contains("KBOOT-E2E registers")).findFirst().orElseThrow();
        for (String field : line.split("\\s+")) {
            if (field.startsWith(name + "=")) {
                return field.substring(name.length() + 1);
            }
        }
        throw new AssertionError(line);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256", "sha384", "sha512"})
    void bootsTheProbeThroughKbootsPurgatory(String algorithm) throws Exception {
        HashAlgorithm hash = HashAlgorithm.byKeyword(algorithm);
        byte[] initrd = new byte[200_000];
        new Random(algorithm.hashCode()).nextBytes(initrd);
        Path json = bootJson(hash, initrd);
        QemuGuest.Run run = QemuGuest.run(work, QemuGuest.java(GuestLoader.class.getName(), json.toString()), 300, line -> false);
        System.out.printf("e2e timing: kexec_load into the probe with %s%s: %.1f s%n", algorithm,
                run.printed("(SHA-NI)") ? " (SHA-NI)" : "", run.millis() / 1000.0);
        assertTrue(run.printed("kboot purgatory: verifying 3 regions with " + algorithm), String.join("\n", run.console()));
        assertEquals(67, run.exitStatus(), "the probe left through isa-debug-exit with 0x21");
        assertEquals("0x6b626f6f74", run.probe("rdi"));
        assertEquals("0x1234", run.probe("rbp"));
        assertEquals("0xfedcba9876543210", run.probe("r15"));
        assertEquals("0x0", run.probe("rbx"));
        assertEquals("0x0", run.probe("rax"));
        assertEquals(planned(run, "rsi"), run.probe("rsi"), "boot_params");
        assertEquals(planned(run, "rsp"), run.probe("rsp"), "the purgatory's stack");
        assertEquals(planned(run, "rip"), run.probe("rip"), "the probe was entered at load address + 0x200");
        assertEquals("kboot.e2e=" + algorithm + " console=ttyS0", run.probe("cmdline"));
        assertEquals("0x" + Integer.toHexString(initrd.length), run.probe("initrd_size"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(initrd)), run.probe("initrd_sha256"));
        String e820 = run.console().stream().filter(l -> l.contains("KBOOT-E2E e820 ")).findFirst().orElseThrow();
        assertEquals(e820.substring(e820.indexOf("e820 ") + 5).strip(), run.probe("e820_entries"));
    }

    @Test
    void aCorruptedRegionMakesThePurgatoryRefuse() throws Exception {
        Path json = bootJson(HashAlgorithm.SHA256, new byte[100_000]);
        QemuGuest.Run run = QemuGuest.run(work, QemuGuest.java(GuestLoader.class.getName(), json.toString(), "corrupt"), 300,
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
