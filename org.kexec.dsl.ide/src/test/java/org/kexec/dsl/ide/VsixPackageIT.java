package org.kexec.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The VS Code extension builds with npm ci and vsce, and carries its manifest, grammar, client and server. */
class VsixPackageIT {

    private static final Path EXTENSION = Path.of("../editors/vscode").toAbsolutePath().normalize();

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(EXTENSION.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0, String.join(" ", command) + ":\n" + output);
    }

    private static String read(ZipFile vsix, String name) throws IOException {
        ZipEntry entry = vsix.getEntry(name);
        assertNotNull(entry, name + " is missing from the .vsix");
        return new String(vsix.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theExtensionPackagesWithItsServer() throws Exception {
        run("npm", "ci", "--no-audit", "--no-fund");
        run("npm", "run", "package");
        try (ZipFile vsix = new ZipFile(EXTENSION.resolve("kboot.vsix").toFile())) {
            JsonObject manifest = JsonParser.parseString(read(vsix, "extension/package.json")).getAsJsonObject();
            JsonObject contributes = manifest.getAsJsonObject("contributes");
            assertEquals("kboot", contributes.getAsJsonArray("languages").get(0).getAsJsonObject().get("id").getAsString());
            assertEquals("./syntaxes/kboot.tmLanguage.json",
                    contributes.getAsJsonArray("grammars").get(0).getAsJsonObject().get("path").getAsString());
            JsonObject grammar = JsonParser.parseString(read(vsix, "extension/syntaxes/kboot.tmLanguage.json")).getAsJsonObject();
            assertEquals("source.kboot", grammar.get("scopeName").getAsString());
            JsonParser.parseString(read(vsix, "extension/language-configuration.json"));
            assertTrue(read(vsix, "extension/extension.js").contains("server', 'kboot-ls.jar'"));
            assertNotNull(vsix.getEntry("extension/node_modules/vscode-languageclient/package.json"), "the client library");
            assertEquals(Files.size(LanguageServerJar.path()), vsix.getEntry("extension/server/kboot-ls.jar").getSize());
        }
    }
}
