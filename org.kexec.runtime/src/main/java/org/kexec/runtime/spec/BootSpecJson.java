package org.kexec.runtime.spec;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kexec.runtime.units.Sizes;

/**
 * The canonical JSON form of a {@link BootSpec}: fixed key order, two-space indent, every key present (null when
 * a value is absent), addresses and register values as {@code "0x…"} strings, sizes as byte counts. Equal specs
 * give equal bytes, so review tools can diff them.
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
