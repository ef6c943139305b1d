package org.kexec.runtime.purgatory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.EnumMap;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.CrashSpec;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.KernelEntry;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.spec.SerialConsole;

/**
 * Java's twin of {@code struct kboot_table} (src/main/c/purgatory/kboot_table.h): the data the purgatory reads
 * at {@link #OFFSET} of its segment. Offsets here and in the header are the same numbers; PurgatoryTableTest
 * checks the bytes against the C compiler's layout.
 *
 * @param hash      algorithm of {@code digest}
 * @param digest    the digest of {@code regions}, empty for {@link HashAlgorithm#NONE}
 * @param regions   {@code [start, length]} of each region, at most {@link #MAX_REGIONS}
 * @param registers every register's value at the kernel's entry
 * @param backup    {@code [source, destination, size]} of the low memory to save, if any
 * @param console   the serial console to report on, if any
 * @param pvh       leave long mode and enter the kernel's PVH entry in 32-bit protected mode, paging off, with
 *                  {@code ebx} and the other 32-bit registers from {@code registers}
 */
public record PurgatoryTable(HashAlgorithm hash, byte[] digest, List<long[]> regions, Map<Register, Long> registers,
                             Optional<long[]> backup, Optional<SerialConsole> console, boolean pvh) {

    public static final int OFFSET = 0x40;
    public static final int SIZE = 520;
    public static final int VERSION = 1;
    public static final int MAX_REGIONS = 16;
    static final byte[] MAGIC = "KBOOTPT\0".getBytes(StandardCharsets.US_ASCII);

    // Field offsets: KBOOT_OFF_* in kboot_table.h.
    public static final int VERSION_AT = 0x008;
    public static final int SIZE_AT = 0x00c;
    public static final int FLAGS = 0x010;
    public static final int HASH = 0x014;
    public static final int DIGEST = 0x018;
    public static final int REGION_COUNT = 0x058;
    public static final int REGIONS = 0x060;
    public static final int REGISTERS = 0x160;
    public static final int BACKUP_SRC = 0x1e8;
    public static final int BACKUP_DST = 0x1f0;
    public static final int BACKUP_SIZE = 0x1f8;
    public static final int CONSOLE_PORT = 0x200;
    public static final int CONSOLE_BAUD = 0x204;

    public static final int FLAG_CONSOLE = 1;
    public static final int FLAG_BACKUP = 1 << 1;
    public static final int FLAG_PVH = 1 << 2;

    /**
     * The table as far as the spec alone fixes it: algorithm, literal registers, console, backup source and size.
     * What depends on the host (regions, digest, addresses the plan chooses) is zero here; the loader fills it.
     */
    public static PurgatoryTable compileTime(BootSpec spec) {
        Map<Register, Long> registers = new EnumMap<>(Register.class);
        spec.purgatory().registers().forEach((register, value) -> registers.put(register,
                value instanceof RegisterValue.Literal literal ? literal.value() : 0L));
        Optional<long[]> backup = spec.crash().flatMap(CrashSpec::backup)
                .map(region -> new long[] {region.source(), 0, region.size()});
        int digestLength = spec.purgatory().hash().digestLength();
        return new PurgatoryTable(spec.purgatory().hash(), new byte[digestLength], List.of(), registers, backup,
                spec.purgatory().console(), spec.entry() == KernelEntry.PVH);
    }

    public PurgatoryTable {
        if (regions.size() > MAX_REGIONS) {
            throw new IllegalArgumentException(regions.size() + " regions, but the table holds " + MAX_REGIONS);
        }
        regions = List.copyOf(regions);
        digest = digest.clone();
    }

    /** The {@code flags} field: KBOOT_FLAG_CONSOLE, KBOOT_FLAG_BACKUP and KBOOT_FLAG_PVH as the table has them. */
    public int flags() {
        return (console.isPresent() ? FLAG_CONSOLE : 0) | (backup.isPresent() ? FLAG_BACKUP : 0) | (pvh ? FLAG_PVH : 0);
    }

    /** The table's bytes. */
    public byte[] bytes() {
        ByteBuffer table = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        table.put(0, MAGIC);
        table.putInt(VERSION_AT, VERSION);
        table.putInt(SIZE_AT, SIZE);
        table.putInt(FLAGS, flags());
        table.putInt(HASH, code(hash));
        table.put(DIGEST, digest);
        table.putInt(REGION_COUNT, regions.size());
        for (int i = 0; i < regions.size(); i++) {
            table.putLong(REGIONS + 16 * i, regions.get(i)[0]);
            table.putLong(REGIONS + 16 * i + 8, regions.get(i)[1]);
        }
        for (Register register : Register.values()) {
            table.putLong(REGISTERS + 8 * register.ordinal(), registers.getOrDefault(register, 0L));
        }
        backup.ifPresent(b -> table.putLong(BACKUP_SRC, b[0]).putLong(BACKUP_DST, b[1]).putLong(BACKUP_SIZE, b[2]));
        console.ifPresent(c -> table.putShort(CONSOLE_PORT, (short) c.port()).putInt(CONSOLE_BAUD, c.baud()));
        return table.array();
    }

    /** A copy of the purgatory's blob with this table in place. */
    public byte[] writeInto(byte[] blob) {
        checkMagic(blob);
        byte[] filled = blob.clone();
        System.arraycopy(bytes(), 0, filled, OFFSET, SIZE);
        return filled;
    }

    /**
     * The table a purgatory segment carries, as the loader filled it: what the purgatory will read, for those who
     * review a plan.
     */
    public static PurgatoryTable readFrom(byte[] purgatory) {
        checkMagic(purgatory);
        ByteBuffer table = ByteBuffer.wrap(purgatory, OFFSET, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
        HashAlgorithm hash = algorithm(table.getInt(HASH));
        byte[] digest = new byte[hash.digestLength()];
        table.get(DIGEST, digest);
        List<long[]> regions = new ArrayList<>();
        for (int i = 0; i < Math.min(table.getInt(REGION_COUNT), MAX_REGIONS); i++) {
            regions.add(new long[] {table.getLong(REGIONS + 16 * i), table.getLong(REGIONS + 16 * i + 8)});
        }
        Map<Register, Long> registers = new EnumMap<>(Register.class);
        for (Register register : Register.values()) {
            registers.put(register, table.getLong(REGISTERS + 8 * register.ordinal()));
        }
        int flags = table.getInt(FLAGS);
        Optional<long[]> backup = (flags & FLAG_BACKUP) == 0 ? Optional.empty()
                : Optional.of(new long[] {table.getLong(BACKUP_SRC), table.getLong(BACKUP_DST), table.getLong(BACKUP_SIZE)});
        Optional<SerialConsole> console = (flags & FLAG_CONSOLE) == 0 ? Optional.empty()
                : Optional.of(new SerialConsole(Short.toUnsignedInt(table.getShort(CONSOLE_PORT)), table.getInt(CONSOLE_BAUD)));
        return new PurgatoryTable(hash, digest, regions, registers, backup, console, (flags & FLAG_PVH) != 0);
    }

    private static void checkMagic(byte[] blob) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (blob.length < OFFSET + SIZE || blob[OFFSET + i] != MAGIC[i]) {
                throw new IllegalArgumentException("no purgatory table at " + OFFSET + ": not a kboot purgatory");
            }
        }
    }

    /** KBOOT_HASH_* of an algorithm. */
    public static int code(HashAlgorithm hash) {
        return switch (hash) {
            case NONE -> 0;
            case SHA256 -> 1;
            case SHA384 -> 2;
            case SHA512 -> 3;
        };
    }

    private static HashAlgorithm algorithm(int code) {
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            if (code(hash) == code) {
                return hash;
            }
        }
        throw new IllegalArgumentException("hash code " + code + " in the purgatory table is none kboot writes");
    }
}
