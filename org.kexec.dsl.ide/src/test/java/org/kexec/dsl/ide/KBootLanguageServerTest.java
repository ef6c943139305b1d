package org.kexec.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.testing.AbstractLanguageServerTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.kexec.runtime.image.BzImages;

/** Every language-server feature against the server itself (Xtext's LanguageServerImpl over LSP4J), exactly. */
class KBootLanguageServerTest extends AbstractLanguageServerTest {

    private static final String IMAGES = """
            package fleet.debian

            kernel vmlinuz {
                path "vmlinuz"
            }

            initrd initramfs {
                path "initrd.img"
            }
            """;

    private static final String BOOT = """
            package fleet.reboot

            import fleet.debian.*

            boot fast {
                kernel vmlinuz
                initrd initramfs
                kind crash
                crash {
                    reservation 256M
                }
                purgatory {
                    registers {
                        rdi = 0x10
                    }
                }
                placement {
                    kernel at 0x1000010
                }
            }
            """;

    KBootLanguageServerTest() {
        super("kboot");
    }

    private String openBoth() throws Exception {
        initialize();
        openFile("images.kboot", IMAGES);
        return openFile("boot.kboot", BOOT);
    }

    /** Writes a file into the workspace and opens it in the server; returns its URI. */
    private String openFile(String name, String text) {
        String uri = writeFile(name, text);
        open(uri, text);
        return uri;
    }

    /** The hover's Markdown at a position. */
    private String hoverText(String uri, int line, int character) throws Exception {
        return languageServer.hover(new HoverParams(doc(uri), new Position(line, character))).get().getContents().getRight().getValue();
    }

    private static TextDocumentIdentifier doc(String uri) {
        return new TextDocumentIdentifier(uri);
    }

    @Test
    void diagnosticsCarryCodesAndExactRanges() throws Exception {
        String boot = openBoth();
        List<String> diagnostics = getDiagnostics().get(boot).stream()
                .map(d -> d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + " "
                        + d.getCode().getLeft() + " " + d.getMessage().getLeft())
                .sorted().toList();
        Assertions.assertEquals(List.of(
                "17:18 org.kexec.dsl.unalignedAddress Segments start on 4 KiB pages, and 0x1000010 is not one: use 0x1001000.",
                "4:5 org.kexec.dsl.crashCmdlineIncomplete The crash kernel's command line lacks reset_devices irqpoll nr_cpus=1:"
                        + " add append \"reset_devices irqpoll nr_cpus=1\" so it resets the devices the crashed kernel left running"
                        + " and boots on one CPU in the small crash region."), diagnostics);
    }

    @Test
    void completionOffersRegistersAndSymbols() throws Exception {
        String boot = openBoth();
        List<String> registers = labels(boot, 13, 12);
        assertTrue(registers.containsAll(List.of("rax", "rbx", "rsi", "rdi", "rsp", "r15", "rip")), registers.toString());
        List<String> beforeRegister = labels(boot, 13, 8);
        assertTrue(beforeRegister.containsAll(List.of("rax", "rip")), beforeRegister.toString());
        List<String> symbols = labels(boot, 13, 18);
        assertTrue(symbols.containsAll(List.of("boot_params", "kernel_entry", "purgatory_stack")), symbols.toString());
    }

    @Test
    void completionOffersImagesInScopeAndKeywords() throws Exception {
        String boot = openBoth();
        List<String> afterKernel = labels(boot, 5, 11);
        assertTrue(afterKernel.contains("vmlinuz"), afterKernel.toString());
        List<String> settings = labels(boot, 7, 4);
        assertTrue(settings.containsAll(List.of("target", "load", "kind", "cmdline", "append", "purgatory")), settings.toString());
    }

    private List<String> labels(String uri, int line, int character) throws Exception {
        CompletionParams params = new CompletionParams(doc(uri), new Position(line, character));
        Either<List<CompletionItem>, org.eclipse.lsp4j.CompletionList> result = languageServer.completion(params).get();
        List<CompletionItem> items = result.isLeft() ? result.getLeft() : result.getRight().getItems();
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    @Test
    void hoverShowsSizesInHexAndMebibytes() throws Exception {
        String boot = openBoth();
        String hover = hoverText(boot, 9, 22);
        Assertions.assertEquals("`256M` = `0x10000000` = 268435456 bytes = 256.00 MiB", hover);
    }

    @Test
    void hoverShowsAKernelsHeaderWhenItsFileIsThere() throws Exception {
        Files.createDirectories(root.toPath());
        Files.write(root.toPath().resolve("vmlinuz"), BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800));
        openBoth();
        String hover = hoverText(getVirtualFile("images.kboot"), 2, 9);
        Assertions.assertEquals("""
                **kernel vmlinuz**: `vmlinuz`

                bzImage, boot protocol 2.15, relocatable, 64-bit entry

                init_size 0x2e9b000 (46.61 MiB), kernel_alignment 0x200000, cmdline_size 2047

                Signed: an Authenticode certificate table of 2048 bytes.""", hover);
    }

    @Test
    void hoverShowsABootsSegments() throws Exception {
        String boot = openBoth();
        String hover = hoverText(boot, 4, 6);
        Assertions.assertEquals("""
                **boot fast**: linux, kexec_load, crash

                6 segments of at most 16: kernel, initrd initramfs, boot_params, purgatory, elfcorehdr, backup

                cmdline: ``""", hover);
    }

    @Test
    void hoverShowsAPvhBootsSegments() throws Exception {
        initialize();
        String text = "kernel probe { path \"kboot:probe-pvh\" }\n\nboot pvh {\n    entry pvh\n    kernel probe\n}\n";
        String pvh = openFile("pvh.kboot", text);
        String hover = hoverText(pvh, 2, 6);
        Assertions.assertEquals("""
                **boot pvh**: linux, kexec_load, default, entry pvh

                3 segments of at most 16: kernel PT_LOAD 0, start_info, purgatory

                cmdline: ``""", hover);
        String kernel = hoverText(pvh, 0, 8);
        Assertions.assertEquals("""
                **kernel probe**: `kboot:probe-pvh`

                ELF vmlinux, 1 PT_LOAD segment from physical 0x1000000

                PVH entry 0x1000000: boots with `entry pvh`""", kernel);
    }

    @Test
    void definitionAndReferencesCrossFiles() throws Exception {
        String boot = openBoth();
        List<? extends Location> definition = languageServer.definition(new DefinitionParams(doc(boot), new Position(5, 12))).get().getLeft();
        Assertions.assertEquals(1, definition.size());
        Assertions.assertEquals(getVirtualFile("images.kboot"), definition.get(0).getUri());
        Assertions.assertEquals(new Range(new Position(2, 7), new Position(2, 14)), definition.get(0).getRange());
        ReferenceParams references = new ReferenceParams(doc(getVirtualFile("images.kboot")), new Position(2, 9), new ReferenceContext(false));
        List<? extends Location> found = languageServer.references(references).get();
        Assertions.assertEquals(List.of(boot + " 5:11-5:18"), found.stream().map(l -> l.getUri() + " " + l.getRange().getStart().getLine() + ":"
                + l.getRange().getStart().getCharacter() + "-" + l.getRange().getEnd().getLine() + ":" + l.getRange().getEnd().getCharacter()).toList());
    }

    @Test
    void renameChangesEveryFile() throws Exception {
        String boot = openBoth();
        WorkspaceEdit edit = languageServer.rename(new RenameParams(doc(getVirtualFile("images.kboot")), new Position(2, 9), "generic")).get();
        Map<String, List<String>> changes = edit.getChanges().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(TextEdit::getNewText).toList()));
        Assertions.assertEquals(Map.of(getVirtualFile("images.kboot"), List.of("generic"), boot, List.of("generic")), changes);
    }

    @Test
    void documentSymbolsOutlineTheFile() throws Exception {
        String boot = openBoth();
        List<String> symbols = languageServer.documentSymbol(new DocumentSymbolParams(doc(getVirtualFile("images.kboot")))).get().stream()
                .map(s -> s.isRight() ? s.getRight().getName() : s.getLeft().getName()).toList();
        assertTrue(symbols.containsAll(List.of("fleet.debian.vmlinuz", "fleet.debian.initramfs")), symbols.toString());
        assertTrue(boot.endsWith("boot.kboot"));
    }

    @Test
    void formattingGivesTheCanonicalLayout() throws Exception {
        initialize();
        String messy = "kernel k{path \"vmlinuz\"}\n";
        String uri = openFile("messy.kboot", messy);
        FormattingOptions options = new FormattingOptions(4, true);
        List<? extends TextEdit> edits = languageServer.formatting(new DocumentFormattingParams(doc(uri), options)).get();
        Assertions.assertEquals("kernel k {\n    path \"vmlinuz\"\n}\n", apply(messy, edits));
    }

    private static String apply(String text, List<? extends TextEdit> edits) {
        List<TextEdit> sorted = edits.stream().map(e -> (TextEdit) e).sorted((a, b) -> compare(b.getRange().getStart(), a.getRange().getStart())).toList();
        StringBuilder result = new StringBuilder(text);
        for (TextEdit edit : sorted) {
            result.replace(offset(text, edit.getRange().getStart()), offset(text, edit.getRange().getEnd()), edit.getNewText());
        }
        return result.toString();
    }

    private static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine()) : Integer.compare(a.getCharacter(), b.getCharacter());
    }

    private static int offset(String text, Position position) {
        int offset = 0;
        for (int line = 0; line < position.getLine(); line++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + position.getCharacter();
    }

    @Test
    void blocksFold() throws Exception {
        String boot = openBoth();
        List<String> folds = languageServer.foldingRange(new FoldingRangeRequestParams(doc(boot))).get().stream()
                .map(f -> f.getStartLine() + "-" + f.getEndLine()).sorted().toList();
        assertTrue(folds.containsAll(List.of("4-19", "8-10", "11-15", "16-18")), folds.toString());
    }

    @Test
    void semanticTokensMarkNamesRegistersAndSymbols() throws Exception {
        var capabilities = initialize().getCapabilities();
        String text = "boot b { purgatory { registers { rsi = boot_params } } }\n";
        String uri = openFile("tokens.kboot", text);
        var tokens = languageServer.semanticTokensFull(new SemanticTokensParams(doc(uri))).get();
        List<String> legend = capabilities.getSemanticTokensProvider().getLegend().getTokenTypes();
        List<Integer> data = tokens.getData();
        List<String> decoded = new java.util.ArrayList<>();
        int line = 0;
        int character = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            character = data.get(i) == 0 ? character + data.get(i + 1) : data.get(i + 1);
            decoded.add(line + ":" + character + "+" + data.get(i + 2) + " " + legend.get(data.get(i + 3)));
        }
        Assertions.assertEquals(List.of("0:5+1 class", "0:33+3 property", "0:39+11 enumMember"), decoded);
    }

    @Test
    void codeActionsFixAlignmentAndCrashArguments() throws Exception {
        String boot = openBoth();
        List<Diagnostic> diagnostics = getDiagnostics().get(boot);
        CodeActionParams params = new CodeActionParams(doc(boot), new Range(new Position(0, 0), new Position(19, 1)),
                new CodeActionContext(diagnostics));
        List<String> actions = languageServer.codeAction(params).get().stream().map(Either::getRight)
                .map(action -> action.getTitle() + ": " + edits(action)).sorted().toList();
        Assertions.assertEquals(List.of(
                "Align the address: 17:18-17:27 0x1001000",
                "Append the missing crash arguments: 19:0-19:0     append \"reset_devices irqpoll nr_cpus=1\"\n"), actions);
    }

    private static String edits(CodeAction action) {
        return action.getEdit().getChanges().values().stream().flatMap(List::stream).map(e -> e.getRange().getStart().getLine() + ":"
                + e.getRange().getStart().getCharacter() + "-" + e.getRange().getEnd().getLine() + ":" + e.getRange().getEnd().getCharacter()
                + " " + e.getNewText()).collect(Collectors.joining("; "));
    }
}
