package org.kexec.generator.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.generator.GeneratedFile;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.CoreFormat;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.PlacementPolicy;
import org.kexec.runtime.spec.PlacementSpec;
import org.kexec.runtime.spec.PurgatorySpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.SerialConsole;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;

/** A generated loader compiles and builds exactly the boot it was generated from, whatever its strings hold. */
class LoaderPackagerTest {

    @TempDir
    Path folder;

    /** Every field set, strings that need escaping, a package segment that is a Java keyword. */
    private static BootSpec oddBoot() {
        Map<Register, RegisterValue> registers = new EnumMap<>(PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL));
        registers.put(Register.RDI, new RegisterValue.Literal(0xffffffff80000000L));
        return new BootSpec("fleet.default.int", Target.LINUX, true, LoadMode.AUTO, BootKind.CRASH, KernelEntry.BOOT_PROTOCOL,
                new ImageSpec("fleet.k", ImageRole.KERNEL, "/boot/\"quoted\" back\\slash \\u0041 \u00fc",
                        Optional.of(PinnedDigest.parse("sha256:" + "ab".repeat(32))),
                        List.of(new TrustAnchorSpec("fleet.ca", "/etc/kboot/ca.pem"))),
                List.of(new ImageSpec("fleet.i", ImageRole.INITRD, "initrd.img", Optional.empty(), List.of())),
                new CmdlineSpec(true, List.of("crashkernel"), List.of("console=ttyS0"), List.of("line\nbreak\ttab")),
                Optional.of(new CrashSpec(Optional.of(256L << 20), Optional.of(CrashSpec.BackupRegion.LOW_640K), CoreFormat.ELF64)),
                new PurgatorySpec(HashAlgorithm.SHA512, Optional.of(new SerialConsole(0x2f8, 9600)), registers),
                new PlacementSpec(Optional.of(new PlacementSpec.MemmapSource(false, "host.iomem")), PlacementPolicy.BOTTOM_UP,
                        Optional.of(0x100000000L), List.of(new PlacementSpec.FixedAddress("fleet.k", 0x1000000))));
    }

    /** A kexec_file_load boot with no pin and no signature: its load leaves every byte of the images to the kernel. */
    private static BootSpec plainFileLoad() {
        return new BootSpec("fleet.plain", Target.LINUX, false, LoadMode.KEXEC_FILE_LOAD, BootKind.DEFAULT, KernelEntry.BOOT_PROTOCOL,
                new ImageSpec("fleet.k", ImageRole.KERNEL, "/boot/vmlinuz", Optional.empty(), List.of()), List.of(),
                new CmdlineSpec(false, List.of(), List.of("console=ttyS0"), List.of()), Optional.empty(),
                new PurgatorySpec(HashAlgorithm.SHA256, Optional.empty(), PurgatorySpec.defaultRegisters(KernelEntry.BOOT_PROTOCOL)),
                new PlacementSpec(Optional.empty(), PlacementPolicy.TOP_DOWN, Optional.empty(), List.of()));
    }

    @Test
    void aBootThatVerifiesNoSignatureRunsWithoutBouncyCastle() throws Exception {
        List<GeneratedFile> files = LoaderPackager.pack(List.of(plainFileLoad()));
        assertEquals(List.of("fleet.plain/loader.jar", "fleet.plain/kboot-runtime.jar", "fleet.plain/libjffi-1.2.so", "fleet.plain/loader"),
                files.stream().map(GeneratedFile::path).toList());
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(files.get(0).contents()))) {
            assertEquals("kboot-runtime.jar", jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH));
        }
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(LoaderPackager.pack(List.of(oddBoot())).get(0).contents()))) {
            assertEquals("kboot-runtime.jar kboot-bouncycastle.jar", jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH));
        }
    }

    @Test
    void theScriptCompilesForTheCommandsThatHashImages() {
        String plain = LoaderLauncher.render(plainFileLoad());
        assertTrue(plain.contains("\ncase \"${1:-}\" in plan) flags=\"$flags -XX:-TieredCompilation $hot\" ;; *) flags=\"$flags -Xint -XX:-UseSHA\" ;; esac\n"),
                plain);
        assertTrue(plain.contains("\n  if [ -f \"$archive\" ] \\\n    && [ \"$archive\" -nt \"$here/loader.jar\" ] \\\n"
                + "    && [ \"$archive\" -nt \"$here/kboot-runtime.jar\" ]; then\n"), plain);
        assertTrue(plain.contains("\nclasses=\"$here/loader.jar:$here/kboot-runtime.jar\"\nmain=kboot.generated.fleet.plain.BootLoader\n"),
                plain);
        String odd = LoaderLauncher.render(oddBoot());
        assertTrue(odd.contains("\ncase \"${1:-}\" in plan|load|reboot) flags=\"$flags -XX:-TieredCompilation $hot\" ;; *) flags=\"$flags -Xint -XX:-UseSHA\" ;; esac\n"),
                odd);
        assertTrue(odd.contains("\n  if [ -f \"$archive\" ] \\\n    && [ \"$archive\" -nt \"$here/loader.jar\" ] \\\n"
                + "    && [ \"$archive\" -nt \"$here/kboot-runtime.jar\" ] \\\n"
                + "    && [ \"$archive\" -nt \"$here/kboot-bouncycastle.jar\" ]; then\n"), odd);
        assertTrue(odd.contains("\nclasses=\"$here/loader.jar:$here/kboot-runtime.jar:$here/kboot-bouncycastle.jar\"\n"
                + "main=kboot.generated.fleet.default_.int_.BootLoader\n"), odd);
    }

    @Test
    void keywordsInBootNamesGetAnUnderscore() {
        assertEquals("kboot.generated.fleet.default_.int_.BootLoader", LoaderSource.className(oddBoot()));
    }

    @Test
    void theCompiledLoaderBuildsTheSameBoot() throws Exception {
        BootSpec boot = oddBoot();
        List<GeneratedFile> files = LoaderPackager.pack(List.of(boot));
        assertEquals(List.of("fleet.default.int/loader.jar", "fleet.default.int/kboot-runtime.jar",
                "fleet.default.int/kboot-bouncycastle.jar", "fleet.default.int/libjffi-1.2.so", "fleet.default.int/loader"),
                files.stream().map(GeneratedFile::path).toList());
        assertEquals(List.of(false, false, false, false, true), files.stream().map(GeneratedFile::executable).toList());
        byte[] stub = files.get(3).contents();
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2, 1}, Arrays.copyOf(stub, 6), "an x86-64 ELF shared object");
        assertEquals(62, stub[18], "e_machine EM_X86_64");
        Path loader = Files.write(folder.resolve("loader.jar"), files.get(0).contents());
        try (URLClassLoader classes = new URLClassLoader(new URL[] {loader.toUri().toURL()}, getClass().getClassLoader())) {
            BootSpec built = (BootSpec) classes.loadClass(LoaderSource.className(boot)).getMethod("boot").invoke(null);
            assertEquals(BootSpecJson.write(boot), BootSpecJson.write(built));
        }
    }
}
