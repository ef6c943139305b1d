package org.kexec.eclipse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ClientInfo;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.DefinitionCapabilities;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.FoldingRangeCapabilities;
import org.eclipse.lsp4j.FormattingCapabilities;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.SemanticTokensCapabilities;
import org.eclipse.lsp4j.SemanticTokensClientCapabilitiesRequests;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SynchronizationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TokenFormat;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * One running kboot language server: the process, the lsp4j connection over its standard streams, and what the
 * server said it can do. It starts in the background; until it has answered {@code initialize}, requests find no
 * server and editors go without. When it cannot start, one error in Eclipse's log says why and what to do.
 */
final class LanguageServerProcess {

    /** How long the server has to answer {@code initialize}: a JVM start and Xtext's set-up take a few seconds. */
    private static final long INITIALIZE_SECONDS = 60;

    private final List<String> command;
    private final OpenDocuments documents;
    private final ILog log;
    private final CompletableFuture<LanguageServer> ready = new CompletableFuture<>();
    private volatile Process process;
    private volatile ServerCapabilities capabilities;
    private volatile boolean stopping;

    private LanguageServerProcess(List<String> command, OpenDocuments documents, ILog log) {
        this.command = command;
        this.documents = documents;
        this.log = log;
    }

    static LanguageServerProcess start(List<String> command, OpenDocuments documents, ILog log) {
        LanguageServerProcess server = new LanguageServerProcess(command, documents, log);
        Thread starter = new Thread(server::run, "kboot language server start");
        starter.setDaemon(true);
        starter.start();
        return server;
    }

    /** The server once it has answered {@code initialize}; empty before, and for good when it failed. */
    Optional<LanguageServer> server() {
        return ready.isDone() && !ready.isCompletedExceptionally() ? Optional.of(ready.join()) : Optional.empty();
    }

    /** Completes when the server is ready (not when it failed). */
    CompletableFuture<LanguageServer> ready() {
        return ready;
    }

    ServerCapabilities capabilities() {
        return capabilities;
    }

    /**
     * Sends a request and waits for its answer up to {@code millis}; empty when there is no server or no answer in
     * time. For the editor's own requests (completion, hover, definition), which the user waits for.
     */
    <T> Optional<T> request(Function<LanguageServer, CompletableFuture<T>> call, long millis) {
        Optional<LanguageServer> running = server();
        if (running.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(call.apply(running.get()).get(millis, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            return Optional.empty();
        }
    }

    private void run() {
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            fail("cannot run " + String.join(" ", command) + ": " + e.getMessage());
            return;
        }
        forwardStandardError(process);
        process.onExit().thenAccept(this::exited);
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new KBootLanguageClient(documents, log),
                process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        try {
            capabilities = server.initialize(initializeParams()).get(INITIALIZE_SECONDS, TimeUnit.SECONDS).getCapabilities();
            server.initialized(new InitializedParams());
            documents.attach(server);
            ready.complete(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while starting");
        } catch (ExecutionException | TimeoutException e) {
            fail(String.join(" ", command) + " did not answer initialize"
                    + (e instanceof TimeoutException ? " within " + INITIALIZE_SECONDS + " s" : ": " + e.getCause()));
        }
    }

    /** Whether a server that had started has ended without being stopped; {@link KBootPlugin} starts another then. */
    boolean crashed() {
        Process running = process;
        return !stopping && server().isPresent() && running != null && !running.isAlive();
    }

    /** Stops the server: {@code shutdown} and {@code exit} when it runs, then the process if it lingers. */
    void stop() {
        stopping = true;
        documents.detach();
        server().ifPresent(server -> {
            try {
                server.shutdown().get(2, TimeUnit.SECONDS);
                server.exit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // It goes with the process below.
            }
        });
        ready.cancel(false);
        Process running = process;
        if (running != null) {
            try {
                if (!running.waitFor(2, TimeUnit.SECONDS)) {
                    running.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.destroyForcibly();
            }
        }
    }

    private void exited(Process exited) {
        if (stopping) {
            return;
        }
        String why = String.join(" ", command) + " exited with status " + exited.exitValue();
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            documents.detach();
            log.error("kboot language server: " + why + "; it starts again for the next request.");
        } else {
            fail(why + " before answering initialize");
        }
    }

    private void fail(String why) {
        if (ready.completeExceptionally(new IllegalStateException(why))) {
            log.error("kboot language server: " + why + ". Set the command that starts it under Preferences › kboot"
                    + " (default: the server in this bundle's dropins folder, else kboot-ls on PATH).");
        }
    }

    /** The server logs one line per failure on standard error: into Eclipse's log, where users look. */
    private void forwardStandardError(Process started) {
        Thread forwarder = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.info("kboot-ls: " + line);
                }
            } catch (IOException e) {
                // The process is gone; its exit is reported.
            }
        }, "kboot language server stderr");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    @SuppressWarnings("deprecation") // rootUri: for servers that predate workspace folders
    private static InitializeParams initializeParams() {
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setSynchronization(new SynchronizationCapabilities(false, false, false));
        text.setCompletion(new CompletionCapabilities());
        HoverCapabilities hover = new HoverCapabilities();
        hover.setContentFormat(List.of(MarkupKind.PLAINTEXT, MarkupKind.MARKDOWN));
        text.setHover(hover);
        text.setDefinition(new DefinitionCapabilities());
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
        symbols.setHierarchicalDocumentSymbolSupport(true);
        text.setDocumentSymbol(symbols);
        text.setFormatting(new FormattingCapabilities());
        text.setFoldingRange(new FoldingRangeCapabilities());
        text.setPublishDiagnostics(new PublishDiagnosticsCapabilities());
        text.setSemanticTokens(new SemanticTokensCapabilities(new SemanticTokensClientCapabilitiesRequests(true),
                Highlighting.TOKEN_TYPES, List.of(), List.of(TokenFormat.Relative)));
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setTextDocument(text);

        InitializeParams params = new InitializeParams();
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setClientInfo(new ClientInfo("Eclipse"));
        String root = ResourcesPlugin.getWorkspace().getRoot().getLocation().toPath().toUri().toString();
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root, "workspace")));
        params.setRootUri(root);
        params.setCapabilities(capabilities);
        return params;
    }
}
