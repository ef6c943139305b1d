package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.LoadMode;
import org.kexec.runtime.spec.Target;

/** Which loads work through the bytes of a boot's images in Java, and which leave them to the kernel. */
class LoadPathsTest {

    private static final BootSpec FILE_LOAD = TestBoots.fileLoad();

    @Test
    void onlyAPlainLinuxFileLoadLeavesTheImagesBytesToTheKernel() {
        assertFalse(LoadPaths.worksThroughImages(FILE_LOAD));
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_LOAD, Target.LINUX)),
                "kexec_load: the purgatory's digests");
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.AUTO, Target.LINUX)),
                "auto may fall back to kexec_load");
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withEntry(FILE_LOAD, KernelEntry.BOOT_PROTOCOL, LoadMode.KEXEC_FILE_LOAD, Target.XEN)),
                "Xen's hypercall: the purgatory's digests");
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withEntry(FILE_LOAD, KernelEntry.PVH, LoadMode.KEXEC_FILE_LOAD, Target.LINUX)),
                "a PVH kernel's payload is unpacked");
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withKernel(FILE_LOAD, TestBoots.signed(FILE_LOAD.kernel()))), "a signature");
        assertTrue(LoadPaths.worksThroughImages(TestBoots.withInitrds(FILE_LOAD, List.of(TestBoots.pinned(FILE_LOAD.initrds().get(0))))),
                "a pinned digest");
    }
}
