package org.kexec.generator;

import static org.kexec.runtime.purgatory.PurgatoryTable.BACKUP_DST;
import static org.kexec.runtime.purgatory.PurgatoryTable.BACKUP_SIZE;
import static org.kexec.runtime.purgatory.PurgatoryTable.BACKUP_SRC;
import static org.kexec.runtime.purgatory.PurgatoryTable.CONSOLE_BAUD;
import static org.kexec.runtime.purgatory.PurgatoryTable.CONSOLE_PORT;
import static org.kexec.runtime.purgatory.PurgatoryTable.DIGEST;
import static org.kexec.runtime.purgatory.PurgatoryTable.FLAGS;
import static org.kexec.runtime.purgatory.PurgatoryTable.HASH;
import static org.kexec.runtime.purgatory.PurgatoryTable.REGIONS;
import static org.kexec.runtime.purgatory.PurgatoryTable.REGION_COUNT;
import static org.kexec.runtime.purgatory.PurgatoryTable.REGISTERS;
import static org.kexec.runtime.purgatory.PurgatoryTable.SIZE_AT;
import static org.kexec.runtime.purgatory.PurgatoryTable.VERSION_AT;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.kexec.runtime.plan.KexecPlan;
import org.kexec.runtime.plan.Segment;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterValue;
import org.kexec.runtime.units.Sizes;

/**
 * A readable listing of a boot's purgatory table: every field's offset, size, value and meaning. At compile time the
 * fields the loader fills on the host are marked as such; a planned table (read from the purgatory segment of a
 * plan) shows them filled. Reviewers read it beside the spec and the plan.
 */
public final class PurgatoryTableListing {

    private static final String LOAD_TIME = "(load time)";

    private PurgatoryTableListing() {
    }

    /** The table as far as the spec fixes it ({@link PurgatoryTable#compileTime}). */
    public static String render(BootSpec spec, PurgatoryTable table) {
        return render(spec, table, List.of(), false);
    }

    /** The table as {@code plan} filled it in its purgatory segment, each region named by the segment it covers. */
    public static String renderPlanned(BootSpec spec, KexecPlan plan, PurgatoryTable table) {
        return render(spec, table, plan.segments(), true);
    }

    private static String render(BootSpec spec, PurgatoryTable table, List<Segment> segments, boolean planned) {
        StringBuilder text = new StringBuilder();
        text.append("kboot purgatory table, version ").append(PurgatoryTable.VERSION).append(", for ").append(spec.name())
                .append(": ").append(PurgatoryTable.SIZE).append(" bytes at offset ").append(Sizes.hex(PurgatoryTable.OFFSET))
                .append(" of the purgatory (layout: kboot_table.h)").append(planned ? ", as the plan fills it" : "").append("\n");
        text.append(String.format("%-7s %-5s %-18s %-20s %s%n", "offset", "size", "field", "value", "meaning"));
        row(text, 0, 8, "magic", "\"KBOOTPT\"", "finds the table");
        row(text, VERSION_AT, 4, "version", Integer.toString(PurgatoryTable.VERSION), "table layout version");
        row(text, SIZE_AT, 4, "size", Integer.toString(PurgatoryTable.SIZE), "table size in bytes");
        row(text, FLAGS, 4, "flags", Sizes.hex(table.flags()), flags(table));
        row(text, HASH, 4, "hash", Integer.toString(PurgatoryTable.code(table.hash())), table.hash().keyword());
        row(text, DIGEST, 64, "digest", planned ? HexFormat.of().formatHex(table.digest()) : LOAD_TIME,
                "digest of the regions, computed by the loader from the bytes it loads");
        row(text, REGION_COUNT, 4, "region_count", planned ? Integer.toString(table.regions().size()) : LOAD_TIME,
                "regions the purgatory re-hashes: every segment but itself");
        if (planned) {
            for (int i = 0; i < table.regions().size(); i++) {
                long[] region = table.regions().get(i);
                row(text, REGIONS + 16 * i, 16, "regions[" + i + "]", Sizes.hex(region[0]) + " " + Sizes.hex(region[1]),
                        "start and length of " + segments.stream().filter(segment -> segment.mem() == region[0])
                                .map(Segment::role).findFirst().orElse("no segment"));
            }
        } else {
            row(text, REGIONS, 256, "regions[16]", LOAD_TIME, "start and length of each region, from the plan");
        }
        Map<Register, RegisterValue> registers = spec.purgatory().registers();
        for (Register register : Register.values()) {
            RegisterValue value = registers.get(register);
            boolean literal = value instanceof RegisterValue.Literal;
            String filled = planned ? Sizes.hex(table.registers().get(register)) : LOAD_TIME;
            row(text, REGISTERS + 8 * register.ordinal(), 8, "registers." + register.keyword(),
                    literal ? value.toString() : filled, literal ? "at the kernel's entry" : value + ", resolved from the plan");
        }
        if (table.backup().isPresent()) {
            long[] backup = table.backup().get();
            row(text, BACKUP_SRC, 8, "backup_src", Sizes.hex(backup[0]), "low memory saved for the dump");
            row(text, BACKUP_DST, 8, "backup_dst", planned ? Sizes.hex(backup[1]) : LOAD_TIME,
                    "the backup segment, placed in the crash region");
            row(text, BACKUP_SIZE, 8, "backup_size", Sizes.hex(backup[2]), Sizes.human(backup[2]));
        } else {
            row(text, BACKUP_SRC, 24, "backup_*", "0", "no backup");
        }
        if (table.console().isPresent()) {
            row(text, CONSOLE_PORT, 2, "console_port", Sizes.hex(table.console().get().port()), "16550 UART I/O port");
            row(text, CONSOLE_BAUD, 4, "console_baud", Integer.toString(table.console().get().baud()), "baud");
        } else {
            row(text, CONSOLE_PORT, 8, "console_*", "0", "silent");
        }
        return text.toString();
    }

    private static String flags(PurgatoryTable table) {
        String flags = (table.console().isPresent() ? "console " : "") + (table.backup().isPresent() ? "backup " : "")
                + (table.pvh() ? "pvh" : "");
        return flags.isBlank() ? "none" : flags.strip().replace(' ', ',');
    }

    private static void row(StringBuilder text, int offset, int size, String field, String value, String meaning) {
        text.append(String.format("%-7s %-5d %-18s %-20s %s%n", Sizes.hex(offset), size, field, value, meaning));
    }
}
