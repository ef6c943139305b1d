package org.kexec.runtime.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.host.BootImages;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.plan.CrashSources;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.PlanInputs;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.plan.SegmentPlanner;
import org.kexec.runtime.plan.TestBoots;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.Target;
import org.kexec.runtime.spec.TrustAnchorSpec;

/**
 * What the loader reads: each image once, pinned digests and required signatures checked on those bytes, and the
 * same bytes planned, whatever happens to the file afterwards.
 */
class BootImagesTest {

    @TempDir
    Path folder;

    private BootSpec boot(Optional<PinnedDigest> digest, List<TrustAnchorSpec> signers) {
        return TestBoots.withKernel(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0),
                new ImageSpec("k", ImageRole.KERNEL, "vmlinuz", digest, signers));
    }

    @Test
    void aFileSwappedAfterTheCheckDoesNotReachThePlan() throws Exception {
        byte[] original = BzImages.debian12(0x8000);
        Files.write(folder.resolve("vmlinuz"), original);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
        BootSpec spec = boot(Optional.of(PinnedDigest.parse("sha256:" + sha256)), List.of());
        BootImages images = BootImages.accept(spec, HostFiles.of(folder));

        byte[] swapped = original.clone();
        swapped[0x7000] = (byte) 0xcc;
        Files.write(folder.resolve("vmlinuz"), swapped);

        KexecPlan plan = SegmentPlanner.plan(PlanInputs.of(spec, images.kernel(), images.initrds(), "",
                MemoryProfiles.load("qemu-1g"), Optional.empty(), CrashSources.none()));
        Segment kernel = plan.segments().stream().filter(s -> s.role().equals("kernel")).findFirst().orElseThrow();
        byte[] protectedMode = Arrays.copyOfRange(original, (original[0x1f1] + 1) * 512, original.length);
        assertArrayEquals(protectedMode, kernel.bytes());
        String swappedSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(swapped));
        assertEquals("kboot refuses the load: vmlinuz (image k) does not match its pinned digest: the spec pins sha256:"
                + sha256 + ", the file has sha256:" + swappedSha256 + ". Pin the new digest if this file is intended.", assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder))).getMessage());
    }

    @Test
    void aKernelThatMustBeSignedIsRefusedUnsigned() throws Exception {
        Files.write(folder.resolve("vmlinuz"), BzImages.withPeHeader(BzImages.debian12(0x8000), 0));
        Files.copy(DebianKernels.secureBootCa(), folder.resolve("debian.pem"));
        BootSpec spec = boot(Optional.empty(), List.of(new TrustAnchorSpec("debian", "debian.pem")));
        assertEquals("kboot refuses the load: vmlinuz (image k) must be signed by [debian], but unsigned: the PE"
                + " certificate table is empty.", assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder))).getMessage());
    }

    @Test
    void debiansSignedKernelLoadsWhenItMustBeSignedByDebian() throws Exception {
        Files.copy(DebianKernels.fetch("signed").path(), folder.resolve("vmlinuz"));
        Files.copy(DebianKernels.secureBootCa(), folder.resolve("debian.pem"));
        BootSpec spec = boot(Optional.empty(), List.of(new TrustAnchorSpec("debian", "debian.pem")));
        BootImages images = BootImages.accept(spec, HostFiles.of(folder));
        assertEquals(Files.size(folder.resolve("vmlinuz")), images.kernel().bytes().length);
    }

    @Test
    void theInitrdKexecFileLoadTakesFromDiskIsCheckedAndReadOnlyForKexecLoad() throws Exception {
        Files.write(folder.resolve("vmlinuz"), BzImages.debian12(0x8000));
        Files.write(folder.resolve("initrd0"), new byte[] {1, 2, 3});
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1);
        NamedFile onDisk = new NamedFile("initrd0", folder.resolve("initrd0"), 3);

        BootImages fileLoadOnly = BootImages.accept(spec, HostFiles.of(folder), false);
        assertEquals(List.of(), fileLoadOnly.initrds(), "kexec_file_load alone does not read it");
        assertEquals(Optional.of(onDisk), fileLoadOnly.initrdOnDisk());

        BootImages withKexecLoad = BootImages.accept(spec, HostFiles.of(folder));
        assertEquals(List.of(NamedBytes.of("initrd0", new byte[] {1, 2, 3})), withKexecLoad.initrds());
        assertEquals(Optional.of(onDisk), withKexecLoad.initrdOnDisk());
    }

    @Test
    void anInitrdLeftUnreadIsRefusedInTheWordsOfARead() throws Exception {
        Files.write(folder.resolve("vmlinuz"), BzImages.debian12(0x8000));
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1);
        String missing = "kboot refuses the load: " + folder.resolve("initrd0") + " (image i0) does not exist.";
        assertEquals(missing, assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder), false)).getMessage());
        assertEquals(missing, assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder), true)).getMessage());
        Files.createDirectory(folder.resolve("initrd0"));
        String directory = "kboot refuses the load: " + folder.resolve("initrd0") + " (image i0) is a directory, not an image file.";
        assertEquals(directory, assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder), false)).getMessage());
        assertEquals(directory, assertThrows(BootImages.ImageException.class,
                () -> BootImages.accept(spec, HostFiles.of(folder), true)).getMessage());
    }
}
