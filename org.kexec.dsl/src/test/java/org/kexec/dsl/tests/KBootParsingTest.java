package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.kboot.Crash;
import org.kexec.dsl.kboot.FixedPlacement;
import org.kexec.dsl.kboot.Image;
import org.kexec.dsl.kboot.LiteralValue;
import org.kexec.dsl.kboot.Spec;
import org.kexec.dsl.kboot.SymbolValue;

/** The grammar: a realistic spec with every construct parses into the expected model without diagnostics. */
@ExtendWith(InjectionExtension.class)
@InjectWith(KBootInjectorProvider.class)
class KBootParsingTest {

    static final String FULL = """
            package fleet.lab

            trust debian_ca "ca.pem"

            kernel vmlinuz {
                path "vmlinuz"
                digest "sha384:%s"
                signed by debian_ca
            }

            initrd initramfs {
                path "initrd.img"
            }

            boot crash {
                target xen
                load kexec_load
                kind crash
                kernel vmlinuz
                initrd initramfs
                cmdline {
                    reuse running
                    drop "crashkernel"
                    "console=ttyS0,115200"
                }
                append "nr_cpus=1 reset_devices irqpoll"
                crash {
                    reservation 256M
                    backup 640K from 0x0
                    elfcorehdr elf64
                }
                purgatory {
                    hash sha512
                    console serial 0x3f8 baud 57600
                    registers {
                        rdi = 0xffff_ffff_ffff_ffff
                        rsi = boot_params
                    }
                }
                placement {
                    memmap profile "qemu-1g"
                    policy bottom-up below 4G
                    kernel at 0x23000000
                }
            }
            """.formatted("ab".repeat(48));

    @Inject
    private SpecTester tester;

    @TempDir
    Path folder;

    @Test
    void parsesEveryConstruct() {
        Spec spec = tester.load(folder, Map.of("full.kboot", FULL)).spec("full.kboot");
        assertEquals(List.of(), tester.diagnostics());
        assertEquals("fleet.lab", spec.getName());
        Image kernel = (Image) spec.getElements().get(1);
        assertEquals("sha384:" + "ab".repeat(48), kernel.getDigest());
        assertEquals("debian_ca", kernel.getAnchors().get(0).getName());
        Boot boot = (Boot) spec.getElements().get(3);
        assertEquals("crash", boot.getName());
        assertTrue(boot.getCmdline().isReuseRunning());
        assertEquals(List.of("crashkernel"), boot.getCmdline().getDropped());
        assertEquals(List.of("console=ttyS0,115200"), boot.getCmdline().getParts());
        Crash crash = boot.getCrash();
        assertEquals(256L << 20, crash.getReservation());
        assertEquals(640L << 10, crash.getBackupSize());
        assertEquals(-1L, ((LiteralValue) boot.getPurgatory().getRegisters().get(0).getValue()).getValue());
        assertEquals("boot_params", ((SymbolValue) boot.getPurgatory().getRegisters().get(1).getValue()).getSymbol());
        assertEquals(57600, boot.getPurgatory().getConsole().getBaud());
        assertEquals(4L << 30, boot.getPlacement().getLimit());
        FixedPlacement placed = boot.getPlacement().getFixed().get(0);
        assertTrue(placed.isKernel());
        assertEquals(0x23000000L, placed.getAddress());
    }

    @Test
    void syntaxErrorsSayWhereAndWhat() {
        assertEquals(List.of("1:15 error org.eclipse.xtext.diagnostics.Diagnostic.Syntax: no viable alternative at"
                + " input 'sideways'"), tester.load(folder, Map.of("bad.kboot", "boot b { load sideways }\n")).diagnostics()
                .stream().limit(1).toList());
    }

    @Test
    void aSyntaxErrorAtTheEndOfAFileEndingInACarriageReturnIsReported() {
        assertEquals(List.of("1:9 error org.eclipse.xtext.diagnostics.Diagnostic.Syntax: mismatched input '<EOF>' expecting '}'"),
                tester.load(folder, Map.of("cr.kboot", "boot x {\r")).diagnostics());
    }

    @Test
    void aPackageWhoseNameDoesNotParseLeavesReferencesToBeResolved() {
        assertEquals(List.of("1:9 error org.eclipse.xtext.diagnostics.Diagnostic.Syntax: no viable alternative at input '\u00e9'",
                "3:17 error unresolvedReference: No image named 'missing' is visible here: declare it, or import the package"
                        + " that declares it."),
                tester.load(folder, Map.of("p.kboot", "package \u00e9\nkernel k { path \"vmlinuz\" }\nboot b { kernel missing }\n")).diagnostics());
    }
}
