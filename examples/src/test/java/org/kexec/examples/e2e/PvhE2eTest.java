package org.kexec.examples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.e2e.QemuGuest;
import org.kexec.runtime.image.DebianKernels;

/**
 * Boots through the PVH entry in a real guest, with the generated loader and kboot's purgatory: the probe's ELF build
 * reports the 32-bit state and the start-info block it received, which must be the plan's to the byte; and Debian's
 * kernel, whose vmlinux the loader takes out of the bzImage, reaches the second stage with the boot's command line
 * and initrd, its boot_params made by Linux's PVH code from the start-info block.
 */
class PvhE2eTest {

    /** EFER.LME and EFER.LMA: a PVH entry runs with long mode off. */
    private static final long EFER_LONG_MODE = 0x100 | 0x400;

    @TempDir
    Path work;

    /** The value of {@code name=} on the plan's line that starts with {@code line} (which may end in a field's name). */
    private static String planned(QemuGuest.Run run, String line, String name) {
        String fields = line.substring(line.lastIndexOf(' ') + 1) + run.after(line);
        for (String field : fields.split("\\s+")) {
            if (field.startsWith(name + "=")) {
                return field.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " on the plan's " + line + " line:\n" + run.text());
    }

    @Test
    void theProbeReceivesThePlannedStartInfoBlockThroughItsPvhEntry() throws Exception {
        byte[] initrd = new byte[150_000];
        new Random(18).nextBytes(initrd);
        Files.write(work.resolve("initrd.img"), initrd);
        Path out = GeneratedLoaders.compile(work, "pvh_probe", """
                package e2e

                kernel probe {
                    path "kboot:probe-pvh"
                }

                initrd random {
                    path "%s"
                }

                boot probe_pvh {
                    target linux
                    load auto
                    entry pvh
                    kernel probe
                    initrd random
                    cmdline {
                        "kboot.e2e=pvh console=ttyS0"
                    }
                    purgatory {
                        hash sha384
                        console serial 0x3f8 baud 115200
                        registers {
                            rdi = 0x6b626f74
                            rbp = 0x1234
                        }
                    }
                }
                """.formatted(work.resolve("initrd.img")));
        String script = GeneratedLoaders.loader(out, "e2e.probe_pvh", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.probe_pvh", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 300, line -> false);
        System.out.printf("e2e timing: kexec_load into the probe's PVH entry: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.probe_pvh with kexec_load: "), run.text());
        assertEquals(67, run.exitStatus(), "the probe left through isa-debug-exit with 0x21");
        assertEquals("pvh", run.probe("entry"));
        assertEquals(planned(run, "registers ", "rbx"), run.probe("ebx"), "ebx points at the start-info block");
        assertEquals(planned(run, "registers ", "rip"), run.probe("eip"));
        assertEquals("0x1000000", run.probe("eip"), "the note's entry, at the start of the probe's PT_LOAD");
        assertEquals(planned(run, "registers ", "rsp"), run.probe("esp"), "the purgatory's stack");
        assertEquals("0x6b626f74", run.probe("edi"));
        assertEquals("0x1234", run.probe("ebp"));
        assertEquals("0x0", run.probe("eax"));
        assertEquals("0x0", run.probe("esi"));
        assertEquals("0x11", run.probe("cr0"), "PE and ET: paging off");
        assertEquals("0x0", run.probe("cr4"));
        assertEquals(0, Long.decode(run.probe("efer")) & EFER_LONG_MODE, "long mode off: " + run.probe("efer"));
        for (String field : new String[] {"magic", "version", "flags", "rsdp", "cmdline_paddr"}) {
            assertEquals(planned(run, "start_info magic=", field), run.probe(field), "start_info." + field);
        }
        assertNotEquals("0x0", run.probe("rsdp"), "the RSDP of the running kernel's boot_params");
        assertEquals(run.after("start_info memmap="), run.probe("memmap"), "the memory map, entry by entry");
        assertEquals("0x1", run.probe("modules"));
        String[] module = planned(run, "start_info magic=", "modules").split("\\+");
        assertEquals(module[0], run.probe("initrd"));
        assertEquals(module[1], run.probe("initrd_size"));
        assertEquals("0x" + Integer.toHexString(initrd.length), run.probe("initrd_size"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(initrd)), run.probe("initrd_sha256"));
        assertEquals("kboot.e2e=pvh console=ttyS0", run.probe("cmdline"));
    }

    @Test
    void debiansKernelBootsThroughItsPvhEntry() throws Exception {
        Path kernel = DebianKernels.fetch("unsigned").path();
        Path secondStage = QemuGuest.secondStage(work);
        Path out = GeneratedLoaders.compile(work, "pvh_debian", """
                package e2e

                kernel debian {
                    path "%s"
                }

                initrd second_stage {
                    path "%s"
                }

                boot debian_pvh {
                    target linux
                    load kexec_load
                    entry pvh
                    kernel debian
                    initrd second_stage
                    cmdline {
                        "console=ttyS0 panic=-1 kboot.e2e=pvh"
                    }
                }
                """.formatted(kernel, secondStage));
        String script = GeneratedLoaders.loader(out, "e2e.debian_pvh", "load") + "\n"
                + GeneratedLoaders.loader(out, "e2e.debian_pvh", "exec") + "\n";
        QemuGuest.Run run = QemuGuest.run(work, script, 400, line -> line.contains("KBOOT-E2E second kernel"));
        System.out.printf("e2e timing: Debian's kernel through its PVH entry: %.1f s%n", run.millis() / 1000.0);
        assertTrue(run.printed("loaded e2e.debian_pvh with kexec_load: "), run.text());
        assertEquals("0x1000850", planned(run, "registers ", "rip"), "Debian 12's PVH entry (formats.md)");
        assertEquals("b0", run.after("KBOOT-E2E type_of_loader:"), "boot_params made by Linux's PVH code outside Xen"
                + " (arch/x86/platform/pvh/enlighten.c: loader 0xb): " + run.text());
        assertEquals("console=ttyS0 panic=-1 kboot.e2e=pvh", run.after("KBOOT-E2E second kernel cmdline:"), run.text());
    }
}
