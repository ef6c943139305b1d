package org.kexec.eclipse;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.IDocumentProvider;
import org.eclipse.ui.texteditor.ITextEditor;

/** Format kboot Spec (Ctrl+Shift+F): the server's formatting edits, applied as one undoable change. */
public final class FormatHandler extends AbstractHandler {

    private static final long ANSWER_MILLIS = 5000;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        if (!(HandlerUtil.getActiveEditor(event) instanceof ITextEditor editor)) {
            return null;
        }
        IDocumentProvider provider = editor.getDocumentProvider();
        IDocument document = provider.getDocument(editor.getEditorInput());
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (uri.isEmpty()) {
            return null;
        }
        DocumentFormattingParams params = new DocumentFormattingParams(new TextDocumentIdentifier(uri.get()),
                new FormattingOptions(4, true));
        List<? extends TextEdit> edits = KBootPlugin.get().server()
                .request(server -> server.getTextDocumentService().formatting(params), ANSWER_MILLIS)
                .orElseThrow(() -> new ExecutionException("kboot language server: no formatting answer (see Eclipse's log)"));
        IRewriteTarget target = editor.getAdapter(IRewriteTarget.class);
        if (target != null) {
            target.beginCompoundChange();
        }
        try {
            List<Replacement> replacements = edits.stream()
                    .map(edit -> new Replacement(Positions.region(document, edit.getRange()), edit.getNewText()))
                    .sorted(Comparator.comparingInt((Replacement r) -> r.region().getOffset()).reversed()).toList();
            for (Replacement replacement : replacements) {
                document.replace(replacement.region().getOffset(), replacement.region().getLength(), replacement.text());
            }
        } catch (BadLocationException e) {
            throw new ExecutionException("kboot language server: a formatting edit lies outside the document", e);
        } finally {
            if (target != null) {
                target.endCompoundChange();
            }
        }
        return null;
    }

    /** An edit in document offsets; applied from the end so that earlier offsets stay true. */
    private record Replacement(IRegion region, String text) {
    }
}
