package org.kexec.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.kexec.runtime.image.BzImage;
import org.kexec.runtime.image.BzImages;

/** What kexec_file_load would refuse is refused first, with the errno the kernel would give. */
class FileLoadRulesTest {

    private static BzImage debian() throws Exception {
        return BzImage.parse(BzImages.debian12(64 * 1024));
    }

    @Test
    void aCommandLineNeedsRoomForElfcorehdr() throws Exception {
        long cmdlineSize = debian().header().cmdlineSize();
        FileLoadRules.check(debian(), "x".repeat((int) cmdlineSize - 31));
        PlanException refused = assertThrows(PlanException.class,
                () -> FileLoadRules.check(debian(), "x".repeat((int) cmdlineSize - 30)));
        assertEquals("the command line is " + (cmdlineSize - 30) + " bytes, but the kernel takes at most " + (cmdlineSize - 31)
                + " (cmdline_size " + cmdlineSize + " less its NUL and the 30 bytes kexec_file_load keeps for elfcorehdr=):"
                + " drop parameters", refused.violation().reason());
    }

    @Test
    void oldBootProtocolsAreRefusedAsTheKernelWould() throws Exception {
        BzImage old = BzImage.parse(BzImages.withShort(BzImages.debian12(64 * 1024), 0x206, 0x020b));
        PlanException refused = assertThrows(PlanException.class, () -> FileLoadRules.check(old, "quiet"));
        assertEquals(Errno.ENOEXEC, refused.violation().errno());
        assertEquals("the kernel speaks boot protocol 2.11, but kexec_file_load loads 2.12 or later only: use load kexec_load",
                refused.violation().reason());
    }
}
