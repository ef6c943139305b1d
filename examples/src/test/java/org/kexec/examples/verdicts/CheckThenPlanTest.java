package org.kexec.examples.verdicts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.generator.cli.Kbootc;
import org.kexec.runtime.image.DebianKernels;

/**
 * No spec passes {@code kbootc check} and then fails {@code kbootc plan} on the same images and memory map: the
 * bundled examples and the specs of the language's fuzz corpus, with every image path led to a real file (Debian's
 * kernels, signed where a signature is required; initrds of zeros), every pin rewritten to that file's digest, and
 * every trust anchor to Debian's Secure Boot CA, so check sees what plan reads.
 */
class CheckThenPlanTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();
    private static final Path FUZZ_CORPUS = EXAMPLES.resolve("../org.kexec.dsl/src/test/resources/org/kexec/dsl/tests"
            + "/SpecFuzzTestInputs/spec").normalize();
    private static final Pattern IMAGE = Pattern.compile("(kernel|initrd)\\s+(\\w+)\\s*\\{([^}]*)\\}");
    private static final Pattern PATH = Pattern.compile("path\\s+\"([^\"]*)\"");
    private static final Pattern DIGEST = Pattern.compile("digest\\s+\"(sha256|sha384|sha512):[^\"]*\"");
    private static final Pattern TRUST = Pattern.compile("trust\\s+(\\w+)\\s+\"([^\"]*)\"");
    private static final Pattern BOOT = Pattern.compile("(?m)^\\s*boot\\s+(\\w+)");

    @TempDir
    Path work;

    private int workspaces;
    private int planned;

    @Test
    void whatCheckAcceptsPlanPlans() throws Exception {
        List<List<Path>> sources = new ArrayList<>();
        sources.add(specs(EXAMPLES));
        List<Path> fuzzSeeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(FUZZ_CORPUS)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().startsWith("crash-")) {
                    sources.add(List.of(file));
                } else {
                    fuzzSeeds.add(file);
                }
            }
        }
        sources.add(fuzzSeeds);
        for (List<Path> source : sources) {
            checkThenPlan(source);
        }
        assertTrue(planned >= 10, planned + " boots planned");
        System.out.printf(Locale.ROOT, "check then plan: %d workspaces, %d boots planned after a clean check%n", workspaces,
                planned);
    }

    private void checkThenPlan(List<Path> source) throws Exception {
        Path folder = Files.createDirectories(work.resolve("w" + workspaces++));
        Path root = Files.createDirectories(folder.resolve("root"));
        List<String> boots = new ArrayList<>();
        for (Path spec : source) {
            // Fuzzed inputs need not be UTF-8: their bytes pass through unchanged.
            String text = rewrite(Files.readString(spec, StandardCharsets.ISO_8859_1), root);
            Files.writeString(folder.resolve(spec.getFileName().toString().replaceAll("\\.kboot$", "") + ".kboot"), text,
                    StandardCharsets.ISO_8859_1);
            Matcher boot = BOOT.matcher(text);
            while (boot.find()) {
                boots.add(boot.group(1));
            }
        }
        Run check = kbootc("check", folder.toString());
        if (source.get(0).startsWith(EXAMPLES)) {
            assertEquals(0, check.status(), "the examples with their images present:\n" + check.output());
        }
        if (check.status() != 0) {
            return;
        }
        for (String boot : boots) {
            Run plan = kbootc("plan", folder.toString(), "--boot", boot, "--running-cmdline", "");
            if (plan.status() == 2 && plan.output().contains("names no memory map")) {
                continue;
            }
            assertEquals(0, plan.status(), folder + " boot " + boot + " passed check:\n" + check.output()
                    + "\nbut plan said:\n" + plan.output());
            planned++;
        }
    }

    /** The spec with its images, pins and anchors led to real files under {@code root}. */
    private static String rewrite(String text, Path root) throws Exception {
        Matcher image = IMAGE.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        while (image.find()) {
            String body = image.group(3);
            Matcher path = PATH.matcher(body);
            if (path.find() && !path.group(1).startsWith("kboot:")) {
                Path file = root.resolve(path.group(1).replaceFirst("^/+", ""));
                byte[] bytes = image.group(1).equals("initrd") ? new byte[1 << 20]
                        : Files.readAllBytes(DebianKernels.fetch(body.contains("signed by") ? "signed" : "unsigned").path());
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
                body = body.replace(path.group(0), "path \"" + file + "\"");
                Matcher digest = DIGEST.matcher(body);
                if (digest.find()) {
                    String algorithm = digest.group(1);
                    String hex = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.replace("sha", "SHA-"))
                            .digest(bytes));
                    body = body.replace(digest.group(0), "digest \"" + algorithm + ":" + hex + "\"");
                }
            }
            image.appendReplacement(rewritten, Matcher.quoteReplacement(image.group(1) + " " + image.group(2) + " {" + body + "}"));
        }
        image.appendTail(rewritten);
        Matcher trust = TRUST.matcher(rewritten.toString());
        StringBuilder anchored = new StringBuilder();
        while (trust.find()) {
            Path certificate = root.resolve(trust.group(2).replaceFirst("^/+", ""));
            Files.createDirectories(certificate.getParent());
            Files.copy(DebianKernels.secureBootCa(), certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            trust.appendReplacement(anchored, Matcher.quoteReplacement("trust " + trust.group(1) + " \"" + certificate + "\""));
        }
        trust.appendTail(anchored);
        return anchored.toString();
    }

    private static List<Path> specs(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".kboot")).sorted().toList();
        }
    }

    private record Run(int status, String output) {
    }

    private static Run kbootc(String... args) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int status = Kbootc.commandLine(writer, writer).execute(args);
        return new Run(status, output.toString());
    }
}
