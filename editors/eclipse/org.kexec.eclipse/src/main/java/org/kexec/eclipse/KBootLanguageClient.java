package org.kexec.eclipse;

import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.ILog;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** What the server sends unasked: diagnostics become problem markers, messages go to Eclipse's log. */
final class KBootLanguageClient implements LanguageClient {

    private final ProblemMarkers markers;
    private final ILog log;

    KBootLanguageClient(OpenDocuments documents, ILog log) {
        this.markers = new ProblemMarkers(documents);
        this.log = log;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        markers.publish(diagnostics);
    }

    @Override
    public void showMessage(MessageParams message) {
        logMessage(message);
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
        logMessage(request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
        String text = "kboot-ls: " + message.getMessage();
        if (message.getType() == MessageType.Error) {
            log.error(text);
        } else if (message.getType() == MessageType.Warning) {
            log.warn(text);
        } else {
            log.info(text);
        }
    }

    @Override
    public void telemetryEvent(Object object) {
        // kboot's server sends none.
    }
}
