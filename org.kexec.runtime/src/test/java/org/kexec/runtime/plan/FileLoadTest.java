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
import org.kexec.runtime.spec.BootKind;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.ImageRole;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.PinnedDigest;
import org.kexec.runtime.spec.Target;

/** What kexec_file_load is handed: which initrd goes as the file on disk, which in a sealed copy, and its bytes. */
class FileLoadTest {

    private static final Path HOST = Path.of("/srv/host");

    private static FileLoad plan(BootSpec spec, List<NamedBytes> initrds) throws Exception {
        return FileLoad.plan(spec, BzImage.parse(BzImages.debian12(0x8000)), initrds, "console=ttyS0",
                path -> HOST.resolve(path));
    }

    @Test
    void theBootsOneUnpinnedInitrdGoesAsTheFileOnDisk() throws Exception {
        FileLoad load = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1), List.of(NamedBytes.of("initrd0", new byte[] {1, 2})));
        assertEquals(Optional.of(HOST.resolve("initrd0")), load.initrdOnDisk());
        assertEquals(0, load.flags());
    }

    @Test
    void aPinnedInitrdGoesInASealedCopy() throws Exception {
        BootSpec spec = TestBoots.withInitrds(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0), List.of(new ImageSpec("i0",
                ImageRole.INITRD, "initrd0", Optional.of(PinnedDigest.parse("sha256:" + "00".repeat(32))), List.of())));
        assertEquals(Optional.empty(), plan(spec, List.of(NamedBytes.of("initrd0", new byte[] {1, 2}))).initrdOnDisk());
    }

    @Test
    void severalInitrdsGoJoinedInOneSealedCopy() throws Exception {
        FileLoad load = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2),
                List.of(NamedBytes.of("initrd0", new byte[] {1, 2}), NamedBytes.of("initrd1", new byte[] {3})));
        assertEquals(Optional.empty(), load.initrdOnDisk());
        assertEquals("initrd0 + initrd1", load.initrd().orElseThrow().name());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), load.initrd().orElseThrow().contents());
    }

    @Test
    void aUnifiedKernelImagesOwnInitrdGoesInASealedCopy() throws Exception {
        FileLoad load = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 0),
                List.of(NamedBytes.of("uki.efi (.initrd)", new byte[] {4})));
        assertEquals(Optional.empty(), load.initrdOnDisk());
        assertEquals(ByteBuffer.wrap(new byte[] {4}), load.initrd().orElseThrow().contents());
    }

    @Test
    void thePlanSaysHowEachFileIsPassed() throws Exception {
        FileLoad onDisk = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 1), List.of(NamedBytes.of("initrd0", new byte[] {1, 2})));
        assertEquals(List.of("plan for b: kexec_file_load, default; the kernel places the segments itself",
                "kernel     vmlinuz, 32768 bytes, in a sealed memory file",
                "initrd     initrd0, 2 bytes, as its file on disk",
                "flags      0x0 (none)",
                "cmdline    console=ttyS0"), PlanReport.fileLoad("b", onDisk, false));
        FileLoad joined = plan(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2),
                List.of(NamedBytes.of("initrd0", new byte[] {1, 2}), NamedBytes.of("initrd1", new byte[] {3})));
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
                    "sha256": "a12871fee210fb8619291eaea194581cbd2531e4b23759d225f6806923f63222",
                    "passed": "as its file on disk"
                  },
                  "flags": "0x0",
                  "cmdline": "console=ttyS0"
                }""", PlanReport.fileLoadJson("b", onDisk).strip());
    }
}
