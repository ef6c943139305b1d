package org.kexec.dsl.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Latencies of the packaged language server as an editor sees them, over stdio: process start to the initialize
 * reply, didOpen to diagnostics (an example, and a generated 1,000-line spec), diagnostics after a one-character
 * change to the 1,000-line spec, completion and hover. Targets: diagnostics after a change at most 100 ms,
 * completion at most 50 ms. Run by scripts/bench-ls.sh.
 */
public final class LanguageServerBenchmark {

    private static final int REPEATS = 20;

    /** Collects diagnostics as they arrive. */
    private static final class Client implements LanguageClient {
        final BlockingQueue<PublishDiagnosticsParams> diagnostics = new ArrayBlockingQueue<>(1000);

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }

        /** Waits for the diagnostics of {@code uri} and returns when they came, in ms since {@code start}. */
        double await(String uri, long start) throws InterruptedException {
            while (true) {
                PublishDiagnosticsParams params = diagnostics.poll(60, TimeUnit.SECONDS);
                if (params == null) {
                    throw new IllegalStateException("no diagnostics for " + uri);
                }
                if (params.getUri().equals(uri)) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Files.createTempDirectory("kboot-ls-bench");
        String example = Files.readString(Path.of("../examples/kdump.kboot"));
        String large = largeSpec();
        System.out.printf("language server latency (%d cores), %d-line spec: %d lines%n",
                Runtime.getRuntime().availableProcessors(), large.lines().count(), large.lines().count());

        List<Double> starts = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            Session session = Session.start(workspace);
            starts.add((System.nanoTime() - start) / 1e6);
            session.stop();
        }
        report("process start -> initialize reply", starts);

        Session session = Session.start(workspace);
        String exampleUri = workspace.resolve("kdump.kboot").toUri().toString();
        long open = System.nanoTime();
        session.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(exampleUri, "kboot", 1, example)));
        report("didOpen -> diagnostics, example", List.of(session.client.await(exampleUri, open)));

        String largeUri = workspace.resolve("large.kboot").toUri().toString();
        open = System.nanoTime();
        session.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(largeUri, "kboot", 1, large)));
        report("didOpen -> diagnostics, 1,000 lines", List.of(session.client.await(largeUri, open)));

        List<Double> changes = new ArrayList<>();
        int line = 5;
        for (int version = 2; version < 2 + REPEATS; version++) {
            TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                    new Range(new Position(line, 0), new Position(line, 0)), version % 2 == 0 ? " " : "");
            if (version % 2 == 1) {
                change = new TextDocumentContentChangeEvent(new Range(new Position(line, 0), new Position(line, 1)), "");
            }
            long start = System.nanoTime();
            session.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(largeUri, version), List.of(change)));
            changes.add(session.client.await(largeUri, start));
        }
        report("one-character change -> diagnostics, 1,000 lines", changes);

        List<Double> completions = new ArrayList<>();
        List<Double> hovers = new ArrayList<>();
        TextDocumentIdentifier document = new TextDocumentIdentifier(largeUri);
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            session.server.getTextDocumentService().completion(new CompletionParams(document, new Position(14, 8))).get();
            completions.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            session.server.getTextDocumentService().hover(new HoverParams(document, new Position(8, 21))).get();
            hovers.add((System.nanoTime() - start) / 1e6);
        }
        report("completion, 1,000 lines", completions);
        report("hover, 1,000 lines", hovers);
        session.stop();
    }

    /** A spec of about 1,000 lines: images and boots that extend each other, every block kind used. */
    static String largeSpec() {
        StringBuilder spec = new StringBuilder("package bench\n\n");
        for (int i = 0; i < 40; i++) {
            spec.append("boot b").append(i).append(i == 0 ? "" : " extends b" + (i - 1)).append(" {\n")
                    .append("    kernel k").append(i).append("\n")
                    .append("    initrd i").append(i).append("\n")
                    .append("    kind crash\n")
                    .append("    append \"nr_cpus=1 reset_devices irqpoll\"\n")
                    .append("    crash {\n        reservation 256M\n        backup 640K from 0x0\n    }\n")
                    .append("    purgatory {\n        hash sha384\n        registers {\n            rdi = ").append(i).append("\n")
                    .append("        }\n    }\n")
                    .append("    placement {\n        memmap profile \"qemu-1g\"\n    }\n")
                    .append("}\n\n")
                    .append("kernel k").append(i).append(" {\n    path \"/boot/vmlinuz-").append(i).append("\"\n}\n\n")
                    .append("initrd i").append(i).append(" {\n    path \"/boot/initrd-").append(i).append("\"\n}\n\n");
        }
        return spec.toString();
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("  %-50s median %7.1f ms  min %7.1f ms  max %7.1f ms  (%d)%n", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    /** A server process and the LSP4J client connected to it. */
    private record Session(Process process, LanguageServer server, Client client) {
        static Session start(Path workspace) throws IOException, InterruptedException, java.util.concurrent.ExecutionException {
            Process process = new ProcessBuilder(LanguageServerJar.command().split(" ")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Client client = new Client();
            Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
            launcher.startListening();
            LanguageServer server = launcher.getRemoteProxy();
            InitializeParams params = new InitializeParams();
            params.setRootUri(workspace.toUri().toString());
            params.setCapabilities(new ClientCapabilities());
            server.initialize(params).get();
            server.initialized(new InitializedParams());
            return new Session(process, server, client);
        }

        void stop() throws Exception {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
