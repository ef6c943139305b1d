package org.kexec.runtime.plan;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.units.Sizes;

/** A plan as people read it (a segment table and the entry state) and as tools read it (JSON). */
public final class PlanReport {

    private PlanReport() {
    }

    /** The segment table, entry, flags, command line, registers and digest. */
    public static List<String> table(String boot, KexecPlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("plan for " + boot + ": " + plan.target().keyword() + ", " + plan.kind().keyword() + ", "
                + plan.segments().size() + " segments");
        lines.add(String.format("%3s  %-24s %-34s %10s %18s %10s %18s", "#", "role", "source", "bufsz", "mem", "memsz", "end"));
        for (int i = 0; i < plan.segments().size(); i++) {
            Segment s = plan.segments().get(i);
            lines.add(String.format("%3d  %-24s %-34s %10s %18s %10s %18s", i, s.role(), shorten(s.source(), 34),
                    Sizes.hex(s.bufsz()), Sizes.hex(s.mem()), Sizes.hex(s.memsz()), Sizes.hex(s.end())));
        }
        lines.add("entry      " + Sizes.hex(plan.entry()) + " (purgatory)");
        lines.add("flags      " + Sizes.hex(plan.flags()) + " (KEXEC_ARCH_X86_64"
                + ((plan.flags() & KexecPlan.KEXEC_ON_CRASH) != 0 ? ", KEXEC_ON_CRASH)" : ")"));
        lines.add("cmdline    " + plan.cmdline());
        StringBuilder registers = new StringBuilder("registers ");
        for (Map.Entry<Register, Long> register : new java.util.TreeMap<>(plan.registers()).entrySet()) {
            registers.append(' ').append(register.getKey().keyword()).append('=').append(Sizes.hex(register.getValue()));
        }
        lines.add(registers.toString());
        KexecPlan.PlanDigest digest = plan.digest();
        lines.add("digest     " + digest.algorithm().keyword() + " over " + digest.regions().size() + " regions"
                + (digest.value().length > 0 ? ": " + HexFormat.of().formatHex(digest.value()) : " (not verified)"));
        return lines;
    }

    public static String json(String boot, KexecPlan plan) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("boot").value(boot);
            json.name("target").value(plan.target().keyword());
            json.name("kind").value(plan.kind().keyword());
            json.name("segments").beginArray();
            for (Segment s : plan.segments()) {
                json.beginObject();
                json.name("role").value(s.role());
                json.name("source").value(s.source());
                json.name("bufsz").value(Sizes.hex(s.bufsz()));
                json.name("mem").value(Sizes.hex(s.mem()));
                json.name("memsz").value(Sizes.hex(s.memsz()));
                json.endObject();
            }
            json.endArray();
            json.name("entry").value(Sizes.hex(plan.entry()));
            json.name("flags").value(Sizes.hex(plan.flags()));
            json.name("cmdline").value(plan.cmdline());
            json.name("registers").beginObject();
            for (Register register : Register.values()) {
                json.name(register.keyword()).value(Sizes.hex(plan.registers().get(register)));
            }
            json.endObject();
            json.name("digest").beginObject();
            json.name("algorithm").value(plan.digest().algorithm().keyword());
            json.name("regions").beginArray();
            for (long[] region : plan.digest().regions()) {
                json.beginObject().name("start").value(Sizes.hex(region[0])).name("length").value(Sizes.hex(region[1])).endObject();
            }
            json.endArray();
            json.name("value").value(HexFormat.of().formatHex(plan.digest().value()));
            json.endObject();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : "…" + text.substring(text.length() - width + 1);
    }
}
