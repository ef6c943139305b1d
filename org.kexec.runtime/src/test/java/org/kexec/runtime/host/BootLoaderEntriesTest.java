package org.kexec.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.loader.HostLoader;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.ReleaseSelector;
import org.kexec.runtime.spec.Target;

/**
 * The Boot Loader Spec default entry: named by loader.conf's glob, or first in the specification's order; its kernel,
 * initrds and options taken into the boot; broken and missing entries refused in exact words.
 */
class BootLoaderEntriesTest {

    @TempDir
    Path root;

    private void file(String path, String text) throws Exception {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private HostFiles files() {
        return new HostFiles(root, Optional.of(root));
    }

    private void twoEntries() throws Exception {
        file("/boot/loader/entries/debian-6.1.0-56-amd64.conf", """
                title      Debian GNU/Linux 12
                version    6.1.0-56-amd64
                machine-id 0123456789abcdef0123456789abcdef
                linux      /vmlinuz-6.1.0-56-amd64
                initrd     /initrd.img-6.1.0-56-amd64
                options    root=/dev/vda1 ro
                """);
        file("/boot/loader/entries/debian-6.1.0-57-amd64.conf", """
                # newest
                title      Debian GNU/Linux 12
                version    6.1.0-57-amd64
                machine-id 0123456789abcdef0123456789abcdef
                linux      /vmlinuz-6.1.0-57-amd64
                initrd     /intel-ucode.img
                initrd     /initrd.img-6.1.0-57-amd64
                options    root=/dev/vda1
                options    ro quiet
                """);
    }

    @Test
    void theNewestEntryIsTheDefaultWhenLoaderConfNamesNone() throws Exception {
        twoEntries();
        BootLoaderEntries.Default chosen = BootLoaderEntries.findDefault(files());
        assertEquals("debian-6.1.0-57-amd64.conf", chosen.entry().id());
        assertEquals("it comes first of debian-6.1.0-57-amd64.conf, debian-6.1.0-56-amd64.conf in the Boot Loader Spec's order,"
                + " and loader.conf names no default", chosen.why());
        assertEquals("root=/dev/vda1 ro quiet", chosen.entry().options());
        assertEquals(List.of("/intel-ucode.img", "/initrd.img-6.1.0-57-amd64"), chosen.entry().initrds());
    }

    @Test
    void loaderConfNamesTheDefault() throws Exception {
        twoEntries();
        file("/efi/loader/loader.conf", "timeout 3\ndefault debian-6.1.0-56-*\n");
        BootLoaderEntries.Default chosen = BootLoaderEntries.findDefault(files());
        assertEquals("debian-6.1.0-56-amd64.conf", chosen.entry().id());
        assertEquals("loader.conf's default debian-6.1.0-56-* names it", chosen.why());
        file("/efi/loader/loader.conf", "default fedora-*\n");
        assertEquals("kboot refuses the load: loader.conf's default fedora-* matches no Boot Loader Spec entry (the host has"
                + " debian-6.1.0-57-amd64.conf, debian-6.1.0-56-amd64.conf).",
                assertThrows(ViolationException.class, () -> BootLoaderEntries.findDefault(files())).getMessage());
    }

    @Test
    void brokenAndMissingEntriesAreRefused() throws Exception {
        assertEquals("kboot refuses the load: the host has no Boot Loader Spec entries (loader/entries/*.conf under /boot, /efi,"
                + " /boot/efi): install a kernel that adds one (kernel-install), or name the kernel's path instead of entry"
                + " default.", assertThrows(ViolationException.class, () -> BootLoaderEntries.findDefault(files())).getMessage());
        file("/boot/efi/loader/entries/broken.conf", "title no kernel\noptions quiet\n");
        assertEquals("kboot refuses the load: the Boot Loader Spec entry " + root.resolve("boot/efi/loader/entries/broken.conf")
                + " has no linux line, so it names no kernel kboot can load (a Type #1 entry needs linux PATH).",
                assertThrows(ViolationException.class, () -> BootLoaderEntries.findDefault(files())).getMessage());
    }

    @Test
    void aBootTakesTheEntrysKernelInitrdsAndOptions() throws Exception {
        twoEntries();
        Files.write(root.resolve("boot/vmlinuz-6.1.0-57-amd64"), BzImages.debian12(1 << 20));
        Files.write(root.resolve("boot/intel-ucode.img"), new byte[4096]);
        Files.write(root.resolve("boot/initrd.img-6.1.0-57-amd64"), new byte[8192]);
        ImageSpec kernel = new ImageSpec("fleet.k", ImageRole.KERNEL, ImageSpec.DEFAULT_ENTRY_PATH, Optional.empty(), List.of(),
                Optional.of(ReleaseSelector.DEFAULT_ENTRY));
        BootSpec boot = TestBoots.withKernel(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), kernel);
        StringWriter out = new StringWriter();
        HostLoader.recorded(boot, files(), MemoryProfiles.load("qemu-1g"), "", Optional.empty(), new PrintWriter(out))
                .plan(HostLoader.Format.TEXT);
        List<String> lines = out.toString().lines().toList();
        assertEquals("kernel fleet.k: the Boot Loader Spec default entry is debian-6.1.0-57-amd64.conf (it comes first of"
                + " debian-6.1.0-57-amd64.conf, debian-6.1.0-56-amd64.conf in the Boot Loader Spec's order, and loader.conf names"
                + " no default): /boot/vmlinuz-6.1.0-57-amd64, initrd /boot/intel-ucode.img, initrd /boot/initrd.img-6.1.0-57-amd64,"
                + " options root=/dev/vda1 ro quiet", lines.get(0));
        assertEquals("plan for b: linux, default, 5 segments", lines.get(1));
        assertEquals("cmdline    root=/dev/vda1 ro quiet console=ttyS0", lines.get(10));
    }
}
