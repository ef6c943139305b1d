package org.kexec.generator.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.memory.MemoryMap;
import org.kexec.runtime.memory.MemoryRange;
import org.kexec.runtime.memory.MemoryType;
import org.kexec.runtime.plan.Segment;

/** The broken log scale and the picture's elements, exactly. */
class MemoryMapPictureTest {

    @Test
    void bandsGrowWithTheLogarithmOfTheirSize() {
        assertEquals(18, MemoryMapPicture.bandHeight(1));
        assertEquals(18, MemoryMapPicture.bandHeight(4096));
        assertEquals(22, MemoryMapPicture.bandHeight(8192));
        assertEquals(18 + 4 * 8, MemoryMapPicture.bandHeight(1 << 20));
        assertEquals(18 + 4 * 24, MemoryMapPicture.bandHeight(64L << 30));
        assertEquals(18 + 4 * 52, MemoryMapPicture.bandHeight(-1L));
    }

    @Test
    void sizesAreForPeople() {
        assertEquals("4 KiB", MemoryMapPicture.size(4096));
        assertEquals("46.6 MiB", MemoryMapPicture.size(0x2e9b000));
        assertEquals("1.5 KiB", MemoryMapPicture.size(1536));
        assertEquals("16 EiB", MemoryMapPicture.size(-1L));
    }

    @Test
    void aFourKibSegmentInSixtyFourGibIsOneBandOfItsOwn() {
        MemoryMap map = new MemoryMap(List.of(new MemoryRange(0, (64L << 30) - 1, MemoryType.RAM, "System RAM")), List.of());
        String svg = MemoryMapPicture.svg("test", map, List.of(Segment.of("purgatory", "kboot purgatory", new byte[16],
                0x200000, 0x1000)));
        // Cuts at 0, 1 MiB (the low 1 MiB), 2 MiB, 2 MiB + 4 KiB and 64 GiB: the segment's band is 18 px high.
        assertEquals(5, svg.split("<line class=\"cut\"", -1).length - 1);
        assertEquals(1, svg.split("<rect class=\"segment purgatory\" x=\"520\" y=\"[0-9]+\" width=\"120\" height=\"18\">", -1).length - 1);
        assertEquals(3, svg.split("<rect ", -1).length - 1);
    }
}
