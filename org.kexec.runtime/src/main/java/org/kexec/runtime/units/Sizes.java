package org.kexec.runtime.units;

/**
 * Sizes and addresses as people write them: {@code 0x1000000}, {@code 16777216}, {@code 256M}, {@code 640K}.
 *
 * <p>Suffixes K, M, G and T scale by powers of 1024, as the kernel's {@code memparse} does for
 * {@code crashkernel=}; {@code _} may group digits. Values are unsigned 64-bit quantities held in a
 * {@code long}. The language's value converter and the runtime's profile readers both parse with this class,
 * so a size means the same thing everywhere.
 */
public final class Sizes {
    public static final long KIB = 1L << 10;
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long TIB = 1L << 40;

    private Sizes() {
    }

    /**
     * Parses a size or address.
     *
     * @throws NumberFormatException with a message that names the text and the reason
     */
    public static long parse(String text) {
        String digits = text.replace("_", "");
        if (digits.isEmpty()) {
            throw new NumberFormatException("'" + text + "' is not a number.");
        }
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseUnsignedLong(requireDigits(text, digits.substring(2)), 16);
            }
            char last = Character.toUpperCase(digits.charAt(digits.length() - 1));
            long scale = switch (last) {
                case 'K' -> KIB;
                case 'M' -> MIB;
                case 'G' -> GIB;
                case 'T' -> TIB;
                default -> 1;
            };
            String number = scale == 1 ? digits : digits.substring(0, digits.length() - 1);
            long value = Long.parseUnsignedLong(requireDigits(text, number));
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, scale)) > 0) {
                throw tooLarge(text);
            }
            return value * scale;
        } catch (NumberFormatException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("'" + text + "'")) {
                throw e;
            }
            throw tooLarge(text);
        }
    }

    private static String requireDigits(String text, String digits) {
        if (digits.isEmpty()) {
            throw new NumberFormatException("'" + text + "' has no digits.");
        }
        return digits;
    }

    private static NumberFormatException tooLarge(String text) {
        return new NumberFormatException("'" + text + "' does not fit in 64 bits (the largest value is 0xffffffffffffffff).");
    }

    /** Lower-case hex with a {@code 0x} prefix, treating the value as unsigned. */
    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** The shortest exact human form: {@code 256M}, {@code 640K}, or hex when no unit divides the value. */
    public static String human(long value) {
        if (value == 0) {
            return "0";
        }
        long[] scales = {TIB, GIB, MIB, KIB};
        String[] units = {"T", "G", "M", "K"};
        for (int i = 0; i < scales.length; i++) {
            if (value > 0 && value % scales[i] == 0) {
                return (value / scales[i]) + units[i];
            }
        }
        return hex(value);
    }

    /** Binary mebibytes with two decimals, for hovers and plan tables: {@code 256.00 MiB}. */
    public static String mebibytes(long value) {
        double bytes = value >= 0 ? value : (value >>> 1) * 2.0;
        return String.format(java.util.Locale.ROOT, "%.2f MiB", bytes / MIB);
    }

    /** True when {@code value} is a multiple of {@code alignment} (a power of two). */
    public static boolean isAligned(long value, long alignment) {
        return (value & (alignment - 1)) == 0;
    }

    /** Rounds {@code value} up to a multiple of {@code alignment} (a power of two). */
    public static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** Rounds {@code value} down to a multiple of {@code alignment} (a power of two). */
    public static long alignDown(long value, long alignment) {
        return value & -alignment;
    }
}
