package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import java.util.Optional;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kexec.dsl.formatting2.SpecFormatting;

/** The canonical layout: messy input comes out in one form, and formatting that form changes nothing. */
@ExtendWith(InjectionExtension.class)
@InjectWith(KBootInjectorProvider.class)
class KBootFormatterTest {

    @Inject
    private SpecFormatting formatting;

    @Test
    void layoutIsCanonical() {
        String messy = "package   fleet.lab\nimport fleet.debian.*\n\n\n\nkernel k{path \"vmlinuz\"   digest\n\"sha256:00\"}"
                + " boot b extends base{target xen load kexec_load kernel k initrd i initrd j cmdline{reuse running drop"
                + " \"quiet\" \"console=ttyS0\"} append \"a\" \"b\"\n  crash{reservation 256M backup none}"
                + " purgatory{hash sha384 console serial 0x3f8 registers{rdi=1 rsi   =   boot_params}}"
                + " placement{memmap profile \"qemu-1g\" policy top-down below 4G kernel at 0x1000000 initrd i at 0x4000000}}";
        String canonical = """
                package fleet.lab

                import fleet.debian.*

                kernel k {
                    path "vmlinuz"
                    digest "sha256:00"
                }

                boot b extends base {
                    target xen
                    load kexec_load
                    kernel k
                    initrd i
                    initrd j
                    cmdline {
                        reuse running
                        drop "quiet"
                        "console=ttyS0"
                    }
                    append "a" "b"
                    crash {
                        reservation 256M
                        backup none
                    }
                    purgatory {
                        hash sha384
                        console serial 0x3f8
                        registers {
                            rdi = 1
                            rsi = boot_params
                        }
                    }
                    placement {
                        memmap profile "qemu-1g"
                        policy top-down below 4G
                        kernel at 0x1000000
                        initrd i at 0x4000000
                    }
                }
                """;
        assertEquals(new SpecFormatting.Result(canonical, Optional.empty()), formatting.format(messy));
        assertEquals(new SpecFormatting.Result(canonical, Optional.empty()), formatting.format(canonical));
    }

    @Test
    void commentsStay() {
        String text = "// images\nkernel k { // the kernel\n    path \"vmlinuz\"\n}\n";
        assertEquals(text, formatting.format(text).formatted());
    }

    @Test
    void textWithSyntaxErrorsIsNotFormatted() {
        assertEquals(new SpecFormatting.Result("boot b {\n", Optional.of("1:9: error: mismatched input '<EOF>' expecting '}'")),
                formatting.format("boot b {\n"));
    }
}
