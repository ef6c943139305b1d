package org.kexec.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged language server with a real client: headless Neovim (Debian's 0.7, vim.lsp.start_client) opens a
 * spec with an error, receives the diagnostics, asks for completion and hover, applies a quick fix and formats.
 */
class NeovimClientIT {

    private static final String SPEC = """
            kernel vmlinuz {
                path "/boot/vmlinuz"
            }

            boot  b{
                kernel vmlinuz
                placement {
                    kernel at 0x1000010
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void neovimGetsDiagnosticsCompletionHoverAFixAndFormatting() throws Exception {
        Path spec = work.resolve("boot.kboot");
        Files.writeString(spec, SPEC);
        Path out = work.resolve("result.json");
        Path script = Path.of("src/test/resources/nvim/lsp_client.lua").toAbsolutePath();
        ProcessBuilder nvim = new ProcessBuilder("nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + script)
                .redirectErrorStream(true).redirectOutput(work.resolve("nvim.log").toFile());
        nvim.environment().put("KBOOT_SERVER", LanguageServerJar.command());
        nvim.environment().put("KBOOT_SPEC", spec.toString());
        nvim.environment().put("KBOOT_OUT", out.toString());
        long start = System.nanoTime();
        Process process = nvim.start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "nvim did not finish");
        System.out.printf("neovim session: %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertTrue(Files.exists(out), Files.readString(work.resolve("nvim.log")));
        JsonObject result = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();

        assertTrue(result.get("started").getAsBoolean());
        assertTrue(result.get("diagnosed").getAsBoolean());
        List<String> diagnostics = new ArrayList<>();
        for (JsonElement element : result.getAsJsonArray("diagnostics")) {
            JsonObject diagnostic = element.getAsJsonObject();
            JsonObject start0 = diagnostic.getAsJsonObject("range").getAsJsonObject("start");
            diagnostics.add(start0.get("line").getAsInt() + ":" + start0.get("character").getAsInt() + " "
                    + diagnostic.get("severity").getAsInt() + " " + diagnostic.get("code").getAsString());
        }
        assertEquals(List.of("1:9 3 org.kexec.dsl.fileNotChecked", "7:18 1 org.kexec.dsl.unalignedAddress"),
                diagnostics.stream().sorted().toList());
        assertTrue(strings(result.getAsJsonArray("completion")).containsAll(List.of("kernel", "initrd", "placement")),
                result.getAsJsonArray("completion").toString());
        assertEquals("`0x1000010` = `0x1000010` = 16777232 bytes = 16.00 MiB", result.get("hover").getAsString());
        assertEquals(List.of("Align the address"), strings(result.getAsJsonArray("actions")));
        assertEquals("""
                kernel vmlinuz {
                    path "/boot/vmlinuz"
                }

                boot b {
                    kernel vmlinuz
                    placement {
                        kernel at 0x1001000
                    }
                }""", result.get("text").getAsString());
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.getAsString()));
        return values;
    }
}
