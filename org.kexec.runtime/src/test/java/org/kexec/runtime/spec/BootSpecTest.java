package org.kexec.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.plan.TestBoots;

/** What follows from a boot's settings: its images, and whether it verifies signatures. */
class BootSpecTest {

    private static final BootSpec FILE_LOAD = TestBoots.fileLoad();

    @Test
    void imagesAreTheKernelThenTheInitrdsInLoadOrder() {
        assertEquals(List.of("k", "i0", "i1"), FILE_LOAD.images().stream().map(ImageSpec::name).toList());
    }

    @Test
    void aBootVerifiesSignaturesWhenAnyOfItsImagesNeedsOne() {
        assertFalse(FILE_LOAD.verifiesSignatures());
        assertTrue(TestBoots.withKernel(FILE_LOAD, TestBoots.signed(FILE_LOAD.kernel())).verifiesSignatures());
        assertTrue(TestBoots.withInitrds(FILE_LOAD, List.of(FILE_LOAD.initrds().get(0), TestBoots.signed(FILE_LOAD.initrds().get(1))))
                .verifiesSignatures());
    }
}
