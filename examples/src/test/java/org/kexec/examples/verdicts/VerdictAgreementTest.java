package org.kexec.examples.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.DebianKernels;
import org.kexec.runtime.image.HostileKernels;

/**
 * One verdict, in one set of words, from every kboot command: damaged copies of Debian's signed kernel are each
 * booted through four specs (kexec_load and kexec_file_load, each plain and with a required signature and a pinned
 * digest), and {@code kbootc check} (the image present), {@code kbootc plan} and the generated {@code loader.jar plan}
 * (compiled while the image was absent, as on a build machine) must accept or refuse each alike, with the same
 * message, and refuse exactly by the rule the damage breaks. All three run as the README tells users to run them.
 */
class VerdictAgreementTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    /** One spec of the corpus: a damaged kernel booted one way, with the verdict kboot must give. */
    private record Case(String pack, String image, String expected) {
        String boot() {
            return pack + ".b";
        }
    }

    @Test
    void checkPlanAndTheLoaderGiveEachHostileKernelOneVerdict() throws Exception {
        byte[] signed = Files.readAllBytes(DebianKernels.fetch("signed").path());
        List<HostileKernels.Hostile> corpus = HostileKernels.of(signed);
        assertTrue(corpus.size() >= 40, corpus.size() + " hostile kernels");
        Path specs = Files.createDirectories(work.resolve("specs"));
        Files.copy(DebianKernels.secureBootCa(), specs.resolve("debian-ca.pem"));
        List<Case> cases = new ArrayList<>();
        for (HostileKernels.Hostile hostile : corpus) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hostile.bytes()));
            for (String mode : List.of("kexec_load", "kexec_file_load")) {
                for (boolean requireSignature : List.of(false, true)) {
                    String pack = ("c_" + hostile.name() + "_" + (mode.equals("kexec_load") ? "load" : "file")
                            + (requireSignature ? "_signed" : "")).replaceAll("[^A-Za-z0-9_]", "_");
                    Files.writeString(specs.resolve(pack + ".kboot"), spec(pack, hostile.name(), mode, requireSignature, sha256));
                    cases.add(new Case(pack, hostile.name(), requireSignature ? hostile.signed()
                            : mode.equals("kexec_load") ? hostile.kexecLoad() : hostile.fileLoad()));
                }
            }
        }
        Path out = work.resolve("out");
        Commands.Result compiled = Commands.run(specs, List.of(ROOT.resolve("kbootc").toString(), "compile", specs.toString(),
                "-o", out.toString()));
        assertEquals(0, compiled.status(), compiled.output());

        Path images = Files.createDirectories(specs.resolve("images"));
        for (HostileKernels.Hostile hostile : corpus) {
            Files.write(images.resolve(hostile.name() + ".bin"), hostile.bytes());
        }
        Map<String, List<JsonObject>> checkErrors = checkErrors(specs);
        List<List<String>> plans = new ArrayList<>();
        List<List<String>> loaders = new ArrayList<>();
        for (Case c : cases) {
            plans.add(List.of(ROOT.resolve("kbootc").toString(), "plan", specs.resolve(c.pack() + ".kboot").toString()));
            loaders.add(List.of("java", "-jar", out.resolve(c.boot()).resolve("loader.jar").toString(), "plan", "--memmap",
                    "qemu-1g"));
        }
        List<Commands.Result> planResults = Commands.runAll(specs, plans);
        List<Commands.Result> loaderResults = Commands.runAll(specs, loaders);

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String where = c.pack() + " (" + c.image() + "): ";
            List<JsonObject> errors = checkErrors.getOrDefault(c.pack() + ".kboot", List.of());
            Commands.Result plan = planResults.get(i);
            Commands.Result loader = loaderResults.get(i);
            if (c.expected().equals(HostileKernels.ACCEPTED)) {
                assertEquals(List.of(), errors, where + "check");
                assertEquals(0, plan.status(), where + "kbootc plan: " + plan.output());
                assertEquals(0, loader.status(), where + "loader plan: " + loader.output());
                counts.merge("accepted", 1, Integer::sum);
                continue;
            }
            assertEquals(1, errors.size(), where + "check: " + errors);
            String code = errors.get(0).get("code").getAsString();
            String message = errors.get(0).get("message").getAsString();
            if (!c.expected().equals(HostileKernels.REFUSED)) {
                assertEquals(c.expected(), code, where + message);
            }
            assertEquals(1, plan.status(), where + "kbootc plan: " + plan.output());
            assertTrue(plan.output().contains(": error: " + message + " [" + code + "]"), where + "kbootc plan: " + plan.output());
            assertEquals(1, loader.status(), where + "loader plan: " + loader.output());
            assertTrue(loader.output().strip().endsWith(": " + message), where + "loader plan said\n" + loader.output()
                    + "\ncheck said\n" + message);
            assertEquals(1, loader.output().strip().lines().count(), where + "loader plan: " + loader.output());
            counts.merge(code, 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "verdicts: %d hostile kernels, %d specs, one verdict each from check, plan and the"
                + " loader: %s%n", corpus.size(), cases.size(), counts);
    }

    private static String spec(String pack, String image, String mode, boolean requireSignature, String sha256) {
        return "package " + pack + "\n\n"
                + (requireSignature ? "trust debian_ca \"debian-ca.pem\"\n\n" : "")
                + "kernel k {\n    path \"images/" + image + ".bin\"\n"
                + (requireSignature ? "    digest \"sha256:" + sha256 + "\"\n    signed by debian_ca\n" : "")
                + "}\n\n"
                + "boot b {\n    target linux\n    load " + mode + "\n    kind default\n    kernel k\n"
                + "    cmdline {\n        \"console=ttyS0\"\n    }\n"
                + "    placement {\n        memmap profile \"qemu-1g\"\n    }\n}\n";
    }

    /** {@code kbootc check --format json}: the errors of each spec file, by file name. */
    private static Map<String, List<JsonObject>> checkErrors(Path specs) throws Exception {
        Commands.Result check = Commands.run(specs, List.of(ROOT.resolve("kbootc").toString(), "check", specs.toString(),
                "--format", "json"));
        String json = check.stdout();
        Map<String, List<JsonObject>> errors = new LinkedHashMap<>();
        for (JsonElement element : JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("diagnostics")) {
            JsonObject diagnostic = element.getAsJsonObject();
            if (diagnostic.get("severity").getAsString().equals("error")) {
                String file = Path.of(diagnostic.get("file").getAsString()).getFileName().toString();
                errors.computeIfAbsent(file, f -> new ArrayList<>()).add(diagnostic);
            }
        }
        return errors;
    }
}
