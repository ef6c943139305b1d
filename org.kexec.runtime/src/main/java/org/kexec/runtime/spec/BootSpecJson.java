package org.kexec.runtime.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexec.runtime.units.Sizes;

/**
 * The canonical JSON form of a {@link BootSpec}: fixed key order, two-space indent, every key present (null when
 * a value is absent), addresses and register values as {@code "0x…"} strings, sizes as byte counts. Equal specs
 * give equal bytes, so review tools can diff them; {@link #read} takes back exactly what {@link #write} gives.
 */
public final class BootSpecJson {

    private BootSpecJson() {
    }

    public static String write(BootSpec spec) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("name").value(spec.name());
            json.name("target").value(spec.target().keyword());
            json.name("lockdown").value(spec.lockdown());
            json.name("load").value(spec.loadMode().keyword());
            json.name("kind").value(spec.kind().keyword());
            json.name("entry").value(spec.entry().keyword());
            json.name("kernel");
            image(json, spec.kernel());
            json.name("initrds").beginArray();
            for (ImageSpec initrd : spec.initrds()) {
                image(json, initrd);
            }
            json.endArray();
            json.name("cmdline");
            cmdline(json, spec.cmdline());
            json.name("crash");
            crash(json, spec.crash());
            json.name("purgatory");
            purgatory(json, spec.purgatory());
            json.name("placement");
            placement(json, spec.placement());
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    /**
     * Reads the canonical form.
     *
     * @throws IllegalArgumentException naming the key that is missing or malformed
     */
    public static BootSpec read(String text) {
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            // A document that is no boot at all should say so by its identity, before anything nested.
            string(json, "name");
            string(json, "target");
            JsonObject cmdline = object(json, "cmdline");
            JsonObject purgatory = object(json, "purgatory");
            JsonObject placement = object(json, "placement");
            List<ImageSpec> initrds = new ArrayList<>();
            array(json, "initrds").forEach(initrd -> initrds.add(image(initrd.getAsJsonObject())));
            Map<Register, RegisterValue> registers = new EnumMap<>(Register.class);
            for (Map.Entry<String, JsonElement> register : object(purgatory, "registers").entrySet()) {
                registers.put(keyword(Register.class, register.getKey()), registerValue(register.getValue().getAsString()));
            }
            return new BootSpec(string(json, "name"), keyword(Target.class, string(json, "target")),
                    bool(json, "lockdown"), keyword(LoadMode.class, string(json, "load")),
                    keyword(BootKind.class, string(json, "kind")),
                    keyword(KernelEntry.class, string(json, "entry")), image(object(json, "kernel")), initrds,
                    new CmdlineSpec(bool(cmdline, "reuse_running"), strings(cmdline, "dropped"),
                            strings(cmdline, "parts"), strings(cmdline, "appended")),
                    optional(json, "crash").map(c -> crash(c.getAsJsonObject())),
                    new PurgatorySpec(keyword(HashAlgorithm.class, string(purgatory, "hash")),
                            optional(purgatory, "console").map(c -> new SerialConsole(
                                    (int) Sizes.parse(string(c.getAsJsonObject(), "port")), c.getAsJsonObject().get("baud").getAsInt())),
                            registers),
                    placement(placement));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a kboot boot.json: " + e.getMessage(), e);
        }
    }

    private static ImageSpec image(JsonObject image) {
        List<TrustAnchorSpec> signers = new ArrayList<>();
        array(image, "signers").forEach(s -> signers.add(new TrustAnchorSpec(string(s.getAsJsonObject(), "name"),
                string(s.getAsJsonObject(), "certificate"))));
        return new ImageSpec(string(image, "name"), keyword(ImageRole.class, string(image, "role")), string(image, "path"),
                optional(image, "digest").map(d -> PinnedDigest.parse(d.getAsString())), signers,
                optional(image, "release").map(r -> keyword(ReleaseSelector.class, r.getAsString())));
    }

    private static CrashSpec crash(JsonObject crash) {
        return new CrashSpec(optional(crash, "reservation").map(JsonElement::getAsLong),
                optional(crash, "backup").map(b -> new CrashSpec.BackupRegion(Sizes.parse(string(b.getAsJsonObject(), "source")),
                        b.getAsJsonObject().get("size").getAsLong())),
                keyword(CoreFormat.class, string(crash, "elfcorehdr")));
    }

    private static PlacementSpec placement(JsonObject placement) {
        Optional<PlacementSpec.MemmapSource> memmap = optional(placement, "memmap").map(m -> {
            JsonObject source = m.getAsJsonObject();
            return source.has("profile") ? new PlacementSpec.MemmapSource(true, string(source, "profile"))
                    : new PlacementSpec.MemmapSource(false, string(source, "file"));
        });
        List<PlacementSpec.FixedAddress> fixed = new ArrayList<>();
        array(placement, "fixed").forEach(f -> fixed.add(new PlacementSpec.FixedAddress(
                string(f.getAsJsonObject(), "image"), Sizes.parse(string(f.getAsJsonObject(), "address")))));
        return new PlacementSpec(memmap, keyword(PlacementPolicy.class, string(placement, "policy")),
                optional(placement, "limit").map(l -> Sizes.parse(l.getAsString())), fixed);
    }

    private static RegisterValue registerValue(String text) {
        RegisterSymbol symbol = RegisterSymbol.byKeyword(text);
        return symbol != null ? new RegisterValue.Symbol(symbol) : new RegisterValue.Literal(Sizes.parse(text));
    }

    private static <E extends Enum<E> & Keyword> E keyword(Class<E> type, String word) {
        E constant = Keyword.lookup(type, word);
        if (constant == null) {
            throw new IllegalArgumentException("'" + word + "' is not a " + type.getSimpleName());
        }
        return constant;
    }

    private static String string(JsonObject object, String key) {
        return required(object, key).getAsString();
    }

    private static JsonElement required(JsonObject object, String key) {
        if (!object.has(key) || object.get(key).isJsonNull()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return object.get(key);
    }

    private static JsonObject object(JsonObject object, String key) {
        return required(object, key).getAsJsonObject();
    }

    private static JsonArray array(JsonObject object, String key) {
        return required(object, key).getAsJsonArray();
    }

    private static boolean bool(JsonObject object, String key) {
        return required(object, key).getAsBoolean();
    }

    private static Optional<JsonElement> optional(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull() ? Optional.of(object.get(key)) : Optional.empty();
    }

    private static List<String> strings(JsonObject object, String key) {
        List<String> values = new ArrayList<>();
        object.getAsJsonArray(key).forEach(value -> values.add(value.getAsString()));
        return values;
    }

    private static void image(JsonWriter json, ImageSpec image) throws IOException {
        json.beginObject();
        json.name("name").value(image.name());
        json.name("role").value(image.role().keyword());
        json.name("path").value(image.path());
        json.name("digest").value(image.digest().map(PinnedDigest::toString).orElse(null));
        json.name("signers").beginArray();
        for (TrustAnchorSpec anchor : image.signers()) {
            json.beginObject();
            json.name("name").value(anchor.name());
            json.name("certificate").value(anchor.certificate());
            json.endObject();
        }
        json.endArray();
        if (image.release().isPresent()) {
            json.name("release").value(image.release().get().keyword());
        }
        json.endObject();
    }

    private static void cmdline(JsonWriter json, CmdlineSpec cmdline) throws IOException {
        json.beginObject();
        json.name("reuse_running").value(cmdline.reuseRunning());
        strings(json.name("dropped"), cmdline.dropped());
        strings(json.name("parts"), cmdline.parts());
        strings(json.name("appended"), cmdline.appended());
        json.name("literal").value(cmdline.literal());
        json.endObject();
    }

    private static void crash(JsonWriter json, Optional<CrashSpec> crash) throws IOException {
        if (crash.isEmpty()) {
            json.nullValue();
            return;
        }
        CrashSpec settings = crash.get();
        json.beginObject();
        json.name("reservation");
        size(json, settings.reservation());
        json.name("backup");
        if (settings.backup().isPresent()) {
            json.beginObject();
            json.name("source").value(Sizes.hex(settings.backup().get().source()));
            json.name("size").value(settings.backup().get().size());
            json.endObject();
        } else {
            json.nullValue();
        }
        json.name("elfcorehdr").value(settings.coreFormat().keyword());
        json.endObject();
    }

    private static void purgatory(JsonWriter json, PurgatorySpec purgatory) throws IOException {
        json.beginObject();
        json.name("hash").value(purgatory.hash().keyword());
        json.name("console");
        if (purgatory.console().isPresent()) {
            json.beginObject();
            json.name("port").value(Sizes.hex(purgatory.console().get().port()));
            json.name("baud").value(purgatory.console().get().baud());
            json.endObject();
        } else {
            json.nullValue();
        }
        json.name("registers").beginObject();
        for (Map.Entry<Register, RegisterValue> register : purgatory.registers().entrySet()) {
            json.name(register.getKey().keyword()).value(register.getValue().toString());
        }
        json.endObject();
        json.endObject();
    }

    private static void placement(JsonWriter json, PlacementSpec placement) throws IOException {
        json.beginObject();
        json.name("memmap");
        if (placement.memmap().isPresent()) {
            PlacementSpec.MemmapSource memmap = placement.memmap().get();
            json.beginObject();
            json.name(memmap.profile() ? "profile" : "file").value(memmap.name());
            json.endObject();
        } else {
            json.nullValue();
        }
        json.name("policy").value(placement.policy().keyword());
        json.name("limit").value(placement.limit().map(Sizes::hex).orElse(null));
        json.name("fixed").beginArray();
        for (PlacementSpec.FixedAddress fixed : placement.fixed()) {
            json.beginObject();
            json.name("image").value(fixed.image());
            json.name("address").value(Sizes.hex(fixed.address()));
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void size(JsonWriter json, Optional<Long> bytes) throws IOException {
        if (bytes.isPresent()) {
            json.value(bytes.get());
        } else {
            json.nullValue();
        }
    }

    private static void strings(JsonWriter json, List<String> values) throws IOException {
        json.beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
