package org.kexec.runtime.plan;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.kexec.runtime.image.NamedBytes;
import org.kexec.runtime.image.StartInfo;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.units.Sizes;
import org.kexec.runtime.verify.DigestFeed;

/** A plan as people read it (a segment table and the entry state) and as tools read it (JSON). */
public final class PlanReport {

    /** How kboot hands a file it vouches for to the kernel: the kernel reads exactly the bytes kboot checked. */
    private static final String SEALED = "in a sealed memory file";
    /** How the initrd kboot vouches for nothing in reaches the kernel: kboot does not read it, so has no digest of it. */
    private static final String ON_DISK = "as its file on disk";

    private PlanReport() {
    }

    /** The segment table, entry, flags, command line, registers, a PVH boot's start-info block, and the digest. */
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
        for (Segment segment : plan.segments()) {
            if (segment.role().equals("start_info")) {
                StartInfo.describe(segment.bytes()).forEach(line -> lines.add("start_info " + line));
            }
        }
        KexecPlan.PlanDigest digest = plan.digest();
        lines.add("digest     " + digest.algorithm().keyword() + " over " + digest.regions().size() + " regions"
                + (digest.value().length > 0 ? ": " + HexFormat.of().formatHex(digest.value()) : " (not verified)"));
        return lines;
    }

    /**
     * What kexec_file_load will be handed: each file's size, how it is passed, the SHA-256 of what kboot passes sealed
     * (an initrd the kernel reads from its file on disk kboot does not read), flags, command line.
     */
    public static List<String> fileLoad(String boot, FileLoad load) {
        return fileLoad(boot, load, true);
    }

    /**
     * The same, with or without the files' SHA-256: a load prints what it handed over without hashing every byte a
     * second time.
     */
    public static List<String> fileLoad(String boot, FileLoad load, boolean digests) {
        List<String> lines = new ArrayList<>();
        lines.add("plan for " + boot + ": kexec_file_load, " + load.kind().keyword() + "; the kernel places the segments itself");
        lines.add("kernel     " + file(load.kernel(), digests) + ", " + SEALED);
        lines.add("initrd     " + load.initrd().map(i -> initrd(i, digests)).orElse("none"));
        lines.add("flags      " + Sizes.hex(load.flags()) + " (" + fileFlagNames(load.flags()) + ")");
        lines.add("cmdline    " + load.cmdline());
        return lines;
    }

    private static String initrd(FileLoad.Initrd initrd, boolean digest) {
        return initrd instanceof FileLoad.Sealed sealed ? file(sealed.bytes(), digest) + ", " + SEALED
                : initrd.name() + ", " + initrd.size() + " bytes, " + ON_DISK;
    }

    private static String file(NamedBytes file, boolean digest) {
        return file.name() + ", " + file.size() + " bytes" + (digest ? ", sha256 " + sha256(file) : "");
    }

    /** The first line before a kexec_load plan that {@code load auto} falls back to. */
    public static String fallbackHeading() {
        return "if kexec_file_load refuses the kernel, load auto falls back to kexec_load:";
    }

    public static String fileLoadJson(String boot, FileLoad load) {
        return object(json -> {
            json.name("boot").value(boot);
            json.name("call").value("kexec_file_load");
            json.name("kind").value(load.kind().keyword());
            json.name("kernel").beginObject().name("name").value(load.kernel().name())
                    .name("bytes").value(load.kernel().size()).name("sha256").value(sha256(load.kernel()))
                    .name("passed").value(SEALED).endObject();
            if (load.initrd().isPresent()) {
                FileLoad.Initrd initrd = load.initrd().get();
                json.name("initrd").beginObject().name("name").value(initrd.name()).name("bytes").value(initrd.size());
                if (initrd instanceof FileLoad.Sealed sealed) {
                    json.name("sha256").value(sha256(sealed.bytes())).name("passed").value(SEALED);
                } else {
                    json.name("passed").value(ON_DISK);
                }
                json.endObject();
            }
            json.name("flags").value(Sizes.hex(load.flags()));
            json.name("cmdline").value(load.cmdline());
        });
    }

    private static String fileFlagNames(long flags) {
        List<String> names = new ArrayList<>();
        if ((flags & FileLoad.KEXEC_FILE_ON_CRASH) != 0) {
            names.add("KEXEC_FILE_ON_CRASH");
        }
        if ((flags & FileLoad.KEXEC_FILE_NO_INITRAMFS) != 0) {
            names.add("KEXEC_FILE_NO_INITRAMFS");
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String sha256(NamedBytes file) {
        return HexFormat.of().formatHex(DigestFeed.digest(HashAlgorithm.SHA256, file.contents()));
    }

    public static String json(String boot, KexecPlan plan) {
        return object(json -> {
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
        });
    }

    /** A written JSON object's members. */
    private interface Members {
        void write(JsonWriter json) throws IOException;
    }

    /** One JSON object, indented, with its members, and a final newline. */
    private static String object(Members members) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.beginObject();
            members.write(json);
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
