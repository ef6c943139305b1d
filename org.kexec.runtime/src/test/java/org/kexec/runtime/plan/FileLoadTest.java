package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.NamedFile;
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.Target;

/** What kexec_file_load is handed: which initrd goes as the file on disk, which in a sealed copy, and its bytes. */
class FileLoadTest {

    private static final NamedFile ON_DISK = new NamedFile("initrd0", Path.of("/srv/host/initrd0"), 2);

    private static FileLoad plan(BootSpec spec, List<NamedBytes> initrds, Optional<NamedFile> onDisk) throws Exception {
        return FileLoad.plan(spec, BzImage.parse(BzImages.debian12(0x8000)), initrds, onDisk, "console=ttyS0");
    }

    @Test
    void theBootsOneUnpinnedInitrdGoesAsTheFileOnDisk() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1);
        assertEquals(true, FileLoad.passesOnDisk(spec, false));
        FileLoad load = plan(spec, List.of(), Optional.of(ON_DISK));
        assertEquals(Optional.of(new FileLoad.OnDisk(ON_DISK)), load.initrd());
        assertEquals(0, load.flags());
    }

    @Test
    void aPinnedInitrdGoesInASealedCopy() throws Exception {
        BootSpec spec = TestBoots.withInitrds(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), List.of(new ImageSpec("i0",
                ImageRole.INITRD, "initrd0", Optional.of(PinnedDigest.parse("sha256:" + "00".repeat(32))), List.of())));
        assertEquals(false, FileLoad.passesOnDisk(spec, false));
        NamedBytes initrd = NamedBytes.of("initrd0", new byte[] {1, 2});
        assertEquals(Optional.of(new FileLoad.Sealed(initrd)), plan(spec, List.of(initrd), Optional.empty()).initrd());
    }

    @Test
    void aBuiltInInitrdGoesInASealedCopy() {
        BootSpec spec = TestBoots.withInitrds(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), List.of(new ImageSpec("i0",
                ImageRole.INITRD, "kboot:probe", Optional.empty(), List.of())));
        assertEquals(false, FileLoad.passesOnDisk(spec, false));
    }

    @Test
    void severalInitrdsGoJoinedInOneSealedCopy() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2);
        assertEquals(false, FileLoad.passesOnDisk(spec, false));
        FileLoad load = plan(spec, List.of(NamedBytes.of("initrd0", new byte[] {1, 2}), NamedBytes.of("initrd1", new byte[] {3})),
                Optional.empty());
        FileLoad.Sealed sealed = (FileLoad.Sealed) load.initrd().orElseThrow();
        assertEquals("initrd0 + initrd1", sealed.name());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), sealed.bytes().contents());
    }

    @Test
    void aUnifiedKernelImagesOwnInitrdGoesInASealedCopy() throws Exception {
        BootSpec spec = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1);
        assertEquals(false, FileLoad.passesOnDisk(spec, true), "the UKI's .initrd and the boot's are joined");
        BootSpec alone = TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0);
        FileLoad load = plan(alone, List.of(NamedBytes.of("uki.efi (.initrd)", new byte[] {4})), Optional.empty());
        assertEquals(ByteBuffer.wrap(new byte[] {4}), ((FileLoad.Sealed) load.initrd().orElseThrow()).bytes().contents());
    }

    @Test
    void thePlanSaysHowEachFileIsPassed() throws Exception {
        FileLoad onDisk = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1), List.of(), Optional.of(ON_DISK));
        assertEquals(List.of("plan for b: kexec_file_load, default; the kernel places the segments itself",
                "kernel     vmlinuz, 32768 bytes, in a sealed memory file",
                "initrd     initrd0, 2 bytes, as its file on disk",
                "flags      0x0 (none)",
                "cmdline    console=ttyS0"), PlanReport.fileLoad("b", onDisk, false));
        assertEquals("initrd     initrd0, 2 bytes, as its file on disk", PlanReport.fileLoad("b", onDisk).get(2),
                "kboot has no digest of a file it does not read");
        FileLoad joined = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2),
                List.of(NamedBytes.of("initrd0", new byte[] {1, 2}), NamedBytes.of("initrd1", new byte[] {3})), Optional.empty());
        assertEquals("initrd     initrd0 + initrd1, 3 bytes, sha256 "
                        + "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81, in a sealed memory file",
                PlanReport.fileLoad("b", joined).get(2));
        assertEquals("""
                {
                  "boot": "b",
                  "call": "kexec_file_load",
                  "kind": "default",
                  "kernel": {
                    "name": "vmlinuz",
                    "bytes": 32768,
                    "sha256": "cb31370ac59a9a11d3d3f0173c10e10c47d7b52c1d55db8e068926eae1db3eda",
                    "passed": "in a sealed memory file"
                  },
                  "initrd": {
                    "name": "initrd0",
                    "bytes": 2,
                    "passed": "as its file on disk"
                  },
                  "flags": "0x0",
                  "cmdline": "console=ttyS0"
                }""", PlanReport.fileLoadJson("b", onDisk).strip());
    }
}
