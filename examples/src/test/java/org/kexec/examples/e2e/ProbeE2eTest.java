package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexec.runtime.e2e.QemuGuest;

/**
 * A generated loader in a real guest loads kboot's probe with kexec_load and reboots into it through kboot's
 * purgatory, once per hash algorithm; the probe reports the registers, command line and initrd it received.
 */
class ProbeE2eTest {

    @TempDir
    Path work;

    /** The value of {@code name=} on the "registers" line of the plan the loader printed. */
    private static String planned(QemuGuest.Run run, String name) {
        for (String field : run.after("registers ").split("\\s+")) {
            if (field.startsWith(name + "=")) {
                return field.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in the plan:\n" + run.text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256", "sha384", "sha512"})
    void bootsTheProbeThroughKbootsPurgatory(String algorithm) throws Exception {
        byte[] initrd = new byte[200_000];
        new Random(algorithm.hashCode()).nextBytes(initrd);
        Files.write(work.resolve("initrd.img"), initrd);
        Path out = GeneratedLoaders.compile(work, "probe", """
                package e2e

                kernel probe {
                    path "kboot:probe"
                }

                initrd random {
                    path "%s"
                }

                boot probe_%s {
                    target linux
                    load kexec_load
                    kind default
                    kernel probe
                    initrd random
                    cmdline {
                        "kboot.e2e=%s console=ttyS0"
                    }
                    purgatory {
                        hash %s
                        console serial 0x3f8 baud 115200
                        registers {
                            rdi = 0x6b626f6f74
                            rbp = 0x1234
                            r15 = 0xfedcba9876543210
                        }
                    }
                }
                """.formatted(work.resolve("initrd.img"), algorithm, algorithm, algorithm));
        String boot = "e2e.probe_" + algorithm;
        String script = GeneratedLoaders.loader(out, boot, "load") + "\n" + GeneratedLoaders.loader(out, boot, "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 300, line -> false);
        System.out.printf("e2e timing: kexec_load into the probe with %s%s: %.1f s%n", algorithm,
                run.printed("(SHA-NI)") ? " (SHA-NI)" : "", run.millis() / 1000.0);
        assertTrue(run.printed("kboot purgatory: verifying 3 regions with " + algorithm), run.text());
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
    }
}
