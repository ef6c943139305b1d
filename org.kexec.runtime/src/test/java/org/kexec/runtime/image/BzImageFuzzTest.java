package org.kexec.runtime.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes the bzImage reader (setup header, EFI-stub PE headers, payload compression) and the boot_params built from
 * what it accepts: hostile images may only be refused with {@link ImageFormatException}.
 */
class BzImageFuzzTest {

    private static final List<E820Entry> E820 = List.of(new E820Entry(0, 0x9fc00, E820Entry.RAM),
            new E820Entry(0x100000, 0x3ff00000L, E820Entry.RAM));
    private static final long[] RAMDISK = {0x3f000000L, 0x1000};
    private static final long BASE = 0x3ffd5000L;
    private static final BzImage KERNEL = kernel();

    private static BzImage kernel() {
        try {
            return BzImage.parse(BzImages.debian12(0x8000));
        } catch (ImageFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void bzImage(@NotNull byte[] bytes) {
        BzImage image;
        try {
            image = BzImage.parse(bytes);
        } catch (ImageFormatException refused) {
            return;
        }
        ImageInspection.lines(image);
        BootParams.build(image, "console=ttyS0", E820, RAMDISK, BASE, Optional.empty());
    }

    /** The running kernel's boot_params, whose firmware fields are carried over, as whatever bytes sysfs gives. */
    @FuzzTest(maxDuration = "10s")
    void bootParamsTemplate(@NotNull byte[] template) {
        BootParams.build(KERNEL, "console=ttyS0", E820, RAMDISK, BASE, Optional.of(template));
    }
}
