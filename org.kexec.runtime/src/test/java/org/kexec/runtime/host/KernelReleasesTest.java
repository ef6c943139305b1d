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
 * Kernels chosen on a host: the running release, or the newest installed in Debian's or the RPM family's order, with
 * initrds following; and every way a path and a selector can disagree, refused in exact words.
 */
class KernelReleasesTest {

    @TempDir
    Path root;

    private static ImageSpec kernel(String path, ReleaseSelector release) {
        return new ImageSpec("fleet.k", ImageRole.KERNEL, path, Optional.empty(), List.of(), Optional.ofNullable(release));
    }

    private static ImageSpec initrd(String path) {
        return new ImageSpec("fleet.i", ImageRole.INITRD, path, Optional.empty(), List.of());
    }

    private static BootSpec boot(ImageSpec kernel, ImageSpec... initrds) {
        BootSpec boot = TestBoots.withKernel(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), kernel);
        return new BootSpec(boot.name(), boot.target(), boot.lockdown(), boot.loadMode(), boot.kind(), boot.entry(), kernel, List.of(initrds),
                boot.cmdline(), boot.crash(), boot.purgatory(), boot.placement());
    }

    private void file(String path, byte[] bytes) throws Exception {
        Path file = root.resolve(path.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private HostFiles files() {
        return new HostFiles(root, Optional.of(root));
    }

    private static HostFacts running(String release) {
        return new RecordedHostFacts(MemoryProfiles.load("qemu-1g"), "", Optional.ofNullable(release));
    }

    @Test
    void newestInDebiansOrderWithTheInitrdFollowing() throws Exception {
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        for (String release : List.of("6.1.0-9-amd64", "6.1.0-57-amd64", "6.1.0-10-amd64")) {
            file("/boot/vmlinuz-" + release, new byte[1]);
        }
        file("/boot/config-6.1.0-99-amd64", new byte[1]);
        KernelReleases.Chosen chosen = KernelReleases.choose(boot(kernel("/boot/vmlinuz-{release}", ReleaseSelector.NEWEST),
                initrd("/boot/initrd.img-{release}")), files(), running(null));
        assertEquals("/boot/vmlinuz-6.1.0-57-amd64", chosen.spec().kernel().path());
        assertEquals("/boot/initrd.img-6.1.0-57-amd64", chosen.spec().initrds().get(0).path());
        assertEquals(Optional.of("kernel fleet.k: release newest is 6.1.0-57-amd64 (of 6.1.0-9-amd64, 6.1.0-10-amd64,"
                + " 6.1.0-57-amd64, in Debian's version order): /boot/vmlinuz-6.1.0-57-amd64; initrd fleet.i:"
                + " /boot/initrd.img-6.1.0-57-amd64"), chosen.said());
    }

    @Test
    void newestInRpmOrderUnderModules() throws Exception {
        Files.createDirectories(root.resolve("var/lib/rpm"));
        for (String release : List.of("6.5.6-300.fc39.x86_64", "6.10.0-100.fc39.x86_64", "6.9.12-200.fc39.x86_64")) {
            file("/lib/modules/" + release + "/vmlinuz", new byte[1]);
        }
        Files.createDirectories(root.resolve("lib/modules/6.11.0-1.fc39.x86_64"));   // modules left behind, no kernel
        KernelReleases.Chosen chosen = KernelReleases.choose(boot(kernel("/lib/modules/{release}/vmlinuz", ReleaseSelector.NEWEST)),
                files(), running(null));
        assertEquals(Optional.of("kernel fleet.k: release newest is 6.10.0-100.fc39.x86_64 (of 6.5.6-300.fc39.x86_64,"
                + " 6.9.12-200.fc39.x86_64, 6.10.0-100.fc39.x86_64, in the RPM version order):"
                + " /lib/modules/6.10.0-100.fc39.x86_64/vmlinuz"), chosen.said());
    }

    @Test
    void runningTakesTheRunningRelease() throws Exception {
        KernelReleases.Chosen chosen = KernelReleases.choose(boot(kernel("/boot/vmlinuz-{release}", ReleaseSelector.RUNNING)),
                files(), running("6.1.0-56-amd64"));
        assertEquals("/boot/vmlinuz-6.1.0-56-amd64", chosen.spec().kernel().path());
        assertEquals(Optional.of("kernel fleet.k: release running is 6.1.0-56-amd64: /boot/vmlinuz-6.1.0-56-amd64"), chosen.said());
        assertEquals("kboot refuses the load: cannot tell the running kernel's release, which fleet.k (release running)"
                + " needs: no running release is recorded for this dry run (--running-release TEXT gives one)",
                assertThrows(ViolationException.class, () -> KernelReleases.choose(boot(kernel("/boot/vmlinuz-{release}", null)),
                        files(), running(null))).getMessage());
    }

    @Test
    void refusals() throws Exception {
        Files.createDirectories(root.resolve("boot"));
        assertEquals("kboot refuses the load: no installed kernel matches /boot/vmlinuz-{release} (image fleet.k, release newest): "
                + root.resolve("boot") + " holds none.", assertThrows(ViolationException.class, () -> KernelReleases.choose(
                boot(kernel("/boot/vmlinuz-{release}", ReleaseSelector.NEWEST)), files(), running(null))).getMessage());
        assertEquals(Optional.of("kboot refuses the load: /boot/vmlinuz-{rel} (image fleet.k) has a placeholder kboot does not"
                + " know: the only one is {release}."), KernelReleases.check(kernel("/boot/vmlinuz-{rel}", null)).map(v -> v.describe()));
        assertEquals(Optional.of("kboot refuses the load: kernel fleet.k has 'release newest' but its path names no {release}:"
                + " write it where the release goes, e.g. /boot/vmlinuz-{release}."),
                KernelReleases.check(kernel("/boot/vmlinuz", ReleaseSelector.NEWEST)).map(v -> v.describe()));
        ImageSpec initrdWithSelector = new ImageSpec("fleet.i", ImageRole.INITRD, "/boot/initrd.img-{release}", Optional.empty(),
                List.of(), Optional.of(ReleaseSelector.RUNNING));
        assertEquals(Optional.of("kboot refuses the load: initrd fleet.i takes the release of its boot's kernel: remove"
                + " 'release running' and write {release} in its path."), KernelReleases.check(initrdWithSelector).map(v -> v.describe()));
        assertEquals(Optional.of("kboot refuses the load: /boot/initrd.img-{release} (image fleet.i) names {release}, but the"
                + " boot's kernel fleet.k names no release for it to follow: write the kernel's path with {release}."),
                KernelReleases.check(boot(kernel("/boot/vmlinuz", null), initrd("/boot/initrd.img-{release}"))).map(v -> v.describe()));
    }

    @Test
    void aDryRunSaysWhatItChoseAndPlansIt() throws Exception {
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        file("/boot/vmlinuz-6.1.0-56-amd64", BzImages.debian12(1 << 20));
        file("/boot/vmlinuz-6.1.0-57-amd64", BzImages.debian12(1 << 20));
        file("/boot/initrd.img-6.1.0-57-amd64", new byte[4096]);
        StringWriter out = new StringWriter();
        HostLoader.recorded(boot(kernel("/boot/vmlinuz-{release}", ReleaseSelector.NEWEST), initrd("/boot/initrd.img-{release}")),
                files(), MemoryProfiles.load("qemu-1g"), "", Optional.empty(), new PrintWriter(out)).plan(HostLoader.Format.TEXT);
        List<String> lines = out.toString().lines().toList();
        assertEquals("kernel fleet.k: release newest is 6.1.0-57-amd64 (of 6.1.0-56-amd64, 6.1.0-57-amd64, in Debian's version"
                + " order): /boot/vmlinuz-6.1.0-57-amd64; initrd fleet.i: /boot/initrd.img-6.1.0-57-amd64", lines.get(0));
        assertEquals("plan for b: linux, default, 4 segments", lines.get(1));
        assertEquals("  0  kernel                   /boot/vmlinuz-6.1.0-57-amd64          0xfc800         0x3d000000  0x2e9b000"
                + "         0x3fe9b000", lines.get(3));
        assertEquals("  1  initrd i                 /boot/initrd.img-6.1.0-57-amd64        0x1000         0x3ffd5000     0x1000"
                + "         0x3ffd6000", lines.get(4));
    }
}
