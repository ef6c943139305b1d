package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.spec.BootSpecConverter;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.SerialConsole;
import org.kexec.runtime.spec.Target;

/** Inheritance and defaults as the BootSpec shows them: settings merge one by one, additions accumulate. */
@ExtendWith(InjectionExtension.class)
@InjectWith(KBootInjectorProvider.class)
class BootSpecConverterTest {

    @Inject
    private SpecTester tester;

    @Inject
    private BootSpecConverter converter;

    @TempDir
    Path folder;

    private BootSpec convert(String text, int bootIndex) {
        tester.load(folder, Map.of("test.kboot", text));
        return converter.convert((Boot) tester.spec("test.kboot").getElements().get(bootIndex));
    }

    @Test
    void fillsDefaults() {
        BootSpec spec = convert("kernel k { path \"vmlinuz\" }\nboot b { kernel k }\n", 1);
        assertEquals(Target.LINUX, spec.target());
        assertEquals(LoadMode.KEXEC_LOAD, spec.loadMode());
        assertEquals(BootKind.DEFAULT, spec.kind());
        assertEquals(new CmdlineSpec(false, List.of(), List.of(), List.of()), spec.cmdline());
        assertEquals(HashAlgorithm.SHA256, spec.purgatory().hash());
        assertEquals(Optional.empty(), spec.purgatory().console());
        assertEquals(new RegisterValue.Symbol(RegisterSymbol.KERNEL_ENTRY), spec.purgatory().registers().get(Register.RIP));
        assertEquals(PlacementSpec.defaults(), spec.placement());
        assertEquals(Optional.empty(), spec.crash());
    }

    @Test
    void xensDefaultImagesGoBottomUpUnlessTheSpecSaysOtherwise() {
        assertEquals(PlacementPolicy.BOTTOM_UP, convert("kernel k { path \"vmlinuz\" }\nboot b { target xen kernel k }\n", 1)
                .placement().policy());
        assertEquals(PlacementPolicy.TOP_DOWN, convert("kernel k { path \"vmlinuz\" }\nboot b { target xen kernel k"
                + " placement { policy top-down } }\n", 1).placement().policy());
        assertEquals(PlacementPolicy.TOP_DOWN, convert("kernel k { path \"vmlinuz\" }\nboot b { target xen kind crash"
                + " kernel k crash { reservation 256M } }\n", 1).placement().policy());
    }

    @Test
    void childSettingsMergeOverTheParents() {
        String text = """
                kernel k { path "vmlinuz" }
                initrd i { path "initrd.img" }
                boot base {
                    kernel k
                    initrd i
                    cmdline { "console=ttyS0" }
                    append "quiet"
                    purgatory { hash sha384 console serial 0x2f8 registers { rdi = 7 rbx = 1 } }
                    placement { memmap profile "qemu-1g" kernel at 0x1000000 }
                }
                boot crash extends base {
                    kind crash
                    append "nr_cpus=1 reset_devices irqpoll"
                    crash { backup none }
                    purgatory { registers { rdi = 9 } }
                    placement { policy bottom-up }
                }
                """;
        BootSpec spec = convert(text, 3);
        assertEquals("crash", spec.name());
        assertEquals(BootKind.CRASH, spec.kind());
        assertEquals(List.of("initrd.img"), spec.initrds().stream().map(i -> i.path()).toList());
        assertEquals(new CmdlineSpec(false, List.of(), List.of("console=ttyS0"), List.of("quiet", "nr_cpus=1 reset_devices irqpoll")),
                spec.cmdline());
        assertEquals(Optional.of(new CrashSpec(Optional.empty(), Optional.empty(), org.kexec.runtime.spec.CoreFormat.ELF64)), spec.crash());
        assertEquals(HashAlgorithm.SHA384, spec.purgatory().hash());
        assertEquals(Optional.of(new SerialConsole(0x2f8, 115200)), spec.purgatory().console());
        assertEquals(new RegisterValue.Literal(9), spec.purgatory().registers().get(Register.RDI));
        assertEquals(new RegisterValue.Literal(1), spec.purgatory().registers().get(Register.RBX));
        assertEquals(new PlacementSpec(Optional.of(new PlacementSpec.MemmapSource(true, "qemu-1g")), PlacementPolicy.BOTTOM_UP,
                Optional.empty(), List.of(new PlacementSpec.FixedAddress("k", 0x1000000))), spec.placement());
    }
}
