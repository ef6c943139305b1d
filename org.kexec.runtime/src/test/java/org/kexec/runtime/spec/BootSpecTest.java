package org.kexec.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.plan.TestBoots;

/** What follows from a boot's settings: its images, whether it verifies signatures, whether a load works through its bytes. */
class BootSpecTest {

    private static final BootSpec FILE_LOAD = TestBoots.withEntry(TestBoots.boot(Target.LINUX, BootKind.DEFAULT, 2),
            KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_FILE_LOAD, Target.LINUX);
    private static final List<TrustAnchorSpec> SIGNERS = List.of(new TrustAnchorSpec("ca", "/etc/kboot/ca.pem"));

    private static ImageSpec pinned(ImageSpec image) {
        return new ImageSpec(image.name(), image.role(), image.path(), Optional.of(PinnedDigest.parse("sha256:" + "ab".repeat(32))),
                image.signers());
    }

    private static ImageSpec signed(ImageSpec image) {
        return new ImageSpec(image.name(), image.role(), image.path(), image.digest(), SIGNERS);
    }

    @Test
    void imagesAreTheKernelThenTheInitrdsInLoadOrder() {
        assertEquals(List.of("k", "i0", "i1"), FILE_LOAD.images().stream().map(ImageSpec::name).toList());
    }

    @Test
    void aBootVerifiesSignaturesWhenAnyOfItsImagesNeedsOne() {
        assertFalse(FILE_LOAD.verifiesSignatures());
        assertTrue(TestBoots.withKernel(FILE_LOAD, signed(FILE_LOAD.kernel())).verifiesSignatures());
        assertTrue(TestBoots.withInitrds(FILE_LOAD, List.of(FILE_LOAD.initrds().get(0), signed(FILE_LOAD.initrds().get(1))))
                .verifiesSignatures());
    }

    @Test
    void onlyAPlainLinuxFileLoadLeavesTheImagesBytesToTheKernel() {
        assertFalse(FILE_LOAD.loadWorksThroughImages());
        assertTrue(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_LOAD, Target.LINUX).loadWorksThroughImages(),
                "kexec_load: the purgatory's digests");
        assertTrue(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.AUTO, Target.LINUX).loadWorksThroughImages(),
                "auto may fall back to kexec_load");
        assertTrue(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_FILE_LOAD, Target.XEN).loadWorksThroughImages(),
                "Xen's hypercall: the purgatory's digests");
        assertTrue(TestBoots.withEntry(FILE_LOAD, KernelEntry.PVH, LoadMode.KEXEC_FILE_LOAD, Target.LINUX).loadWorksThroughImages(),
                "a PVH kernel's payload is unpacked");
        assertTrue(TestBoots.withKernel(FILE_LOAD, signed(FILE_LOAD.kernel())).loadWorksThroughImages(), "a signature");
        assertTrue(TestBoots.withInitrds(FILE_LOAD, List.of(pinned(FILE_LOAD.initrds().get(0)))).loadWorksThroughImages(),
                "a pinned digest");
    }
}
