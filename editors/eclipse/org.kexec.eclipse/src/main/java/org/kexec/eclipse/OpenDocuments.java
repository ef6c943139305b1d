package org.kexec.eclipse;

import java.net.URI;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The {@code .kboot} documents open in editors, kept in step with the language server: opened, every change (the
 * whole text, numbered), closed. A server that starts later gets every open document at once, under the same lock
 * as the changes, so it never misses one.
 */
final class OpenDocuments {

    static final String LANGUAGE_ID = "kboot";

    private final Map<IDocument, Entry> entries = new IdentityHashMap<>();
    private LanguageServer server;

    /** Starts tracking a document shown in one more editor; false when it has no file behind it. */
    synchronized boolean connect(IDocument document) {
        Entry entry = entries.get(document);
        if (entry != null) {
            entry.editors++;
            return true;
        }
        Optional<String> uri = uriOf(document);
        if (uri.isEmpty()) {
            return false;
        }
        entry = new Entry(uri.get(), document);
        entries.put(document, entry);
        document.addDocumentListener(entry);
        if (server != null) {
            server.getTextDocumentService().didOpen(entry.openParams());
        }
        return true;
    }

    /** One editor less shows the document; the last one closes it on the server. */
    synchronized void disconnect(IDocument document) {
        Entry entry = entries.get(document);
        if (entry == null || --entry.editors > 0) {
            return;
        }
        entries.remove(document);
        document.removeDocumentListener(entry);
        if (server != null) {
            server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(entry.uri)));
        }
    }

    /** The URI the server knows the document by, while it is open. */
    synchronized Optional<String> uri(IDocument document) {
        Entry entry = entries.get(document);
        return entry == null ? Optional.empty() : Optional.of(entry.uri);
    }

    /** The version the server has of the document (0 when it is not open). */
    synchronized int version(IDocument document) {
        Entry entry = entries.get(document);
        return entry == null ? 0 : entry.version;
    }

    /** The open document with this URI, if any. */
    synchronized Optional<IDocument> document(String uri) {
        Path path = Path.of(URI.create(uri));
        return entries.values().stream().filter(entry -> Path.of(URI.create(entry.uri)).equals(path))
                .map(entry -> entry.document).findFirst();
    }

    synchronized boolean any() {
        return !entries.isEmpty();
    }

    /** A server is ready: it gets every open document, and from now on every change. */
    synchronized void attach(LanguageServer ready) {
        server = ready;
        List.copyOf(entries.values()).forEach(entry -> ready.getTextDocumentService().didOpen(entry.openParams()));
    }

    synchronized void detach() {
        server = null;
    }

    private synchronized void changed(Entry entry) {
        entry.version++;
        if (server != null && entries.get(entry.document) == entry) {
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(entry.uri, entry.version),
                    List.of(new TextDocumentContentChangeEvent(entry.document.get()))));
        }
    }

    /** The file behind an editor's document, as the {@code file:///} URI the server uses. */
    private static Optional<String> uriOf(IDocument document) {
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer == null || buffer.getFileStore() == null) {
            return Optional.empty();
        }
        URI location = buffer.getFileStore().toURI();
        return "file".equals(location.getScheme()) ? Optional.of(Path.of(location).toUri().toString()) : Optional.empty();
    }

    private final class Entry implements IDocumentListener {
        final String uri;
        final IDocument document;
        int version = 1;
        int editors = 1;

        Entry(String uri, IDocument document) {
            this.uri = uri;
            this.document = document;
        }

        DidOpenTextDocumentParams openParams() {
            return new DidOpenTextDocumentParams(new TextDocumentItem(uri, LANGUAGE_ID, version, document.get()));
        }

        @Override
        public void documentAboutToBeChanged(DocumentEvent event) {
            // Only the text after a change is sent.
        }

        @Override
        public void documentChanged(DocumentEvent event) {
            changed(this);
        }
    }
}
