package org.kexec.runtime.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SizesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 0",
        "4096, 4096",
        "640K, 655360",
        "640k, 655360",
        "256M, 268435456",
        "4G, 4294967296",
        "1T, 1099511627776",
        "0x1000000, 16777216",
        "0X1000, 4096",
        "0x1_0000_0000, 4294967296",
        "1_000, 1000",
        "0xffffffffffffffff, -1",
    })
    void parsesSizesAndAddresses(String text, long expected) {
        assertEquals(expected, Sizes.parse(text));
    }

    @Test
    void refusesValuesBeyond64Bits() {
        assertEquals("'0x10000000000000000' does not fit in 64 bits (the largest value is 0xffffffffffffffff).",
                assertThrows(NumberFormatException.class, () -> Sizes.parse("0x10000000000000000")).getMessage());
        assertEquals("'16777216T' does not fit in 64 bits (the largest value is 0xffffffffffffffff).",
                assertThrows(NumberFormatException.class, () -> Sizes.parse("16777216T")).getMessage());
        assertEquals("'18446744073709551616' does not fit in 64 bits (the largest value is 0xffffffffffffffff).",
                assertThrows(NumberFormatException.class, () -> Sizes.parse("18446744073709551616")).getMessage());
    }

    @Test
    void refusesNumbersWithoutDigits() {
        assertEquals("'0x' has no digits.", assertThrows(NumberFormatException.class, () -> Sizes.parse("0x")).getMessage());
        assertEquals("'_' is not a number.", assertThrows(NumberFormatException.class, () -> Sizes.parse("_")).getMessage());
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"0, 0", "655360, 640K", "268435456, 256M", "4294967296, 4G", "4097, 0x1001", "-1, 0xffffffffffffffff"})
    void printsTheShortestExactForm(long value, String expected) {
        assertEquals(expected, Sizes.human(value));
    }

    @Test
    void alignsToPowersOfTwo() {
        assertEquals(0x2000, Sizes.alignUp(0x1001, 0x1000));
        assertEquals(0x1000, Sizes.alignUp(0x1000, 0x1000));
        assertEquals(0x1000, Sizes.alignDown(0x1fff, 0x1000));
        assertTrue(Sizes.isAligned(0x200000, 0x200000));
        assertFalse(Sizes.isAligned(0x201000, 0x200000));
        assertEquals("256.00 MiB", Sizes.mebibytes(256L << 20));
        assertEquals("0.50 MiB", Sizes.mebibytes(512 * 1024));
    }
}
