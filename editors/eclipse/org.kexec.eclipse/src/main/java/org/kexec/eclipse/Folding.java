package org.kexec.eclipse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.swt.widgets.Display;

/**
 * Folding of a {@code .kboot} editor from the server's folding ranges (blocks and comments), asked for when the
 * editor opens and half a second after typing stops.
 */
public final class Folding implements IReconciler, ITextInputListener, IDocumentListener {

    private static final int QUIET_MILLIS = 500;

    private final Runnable refresh = this::refresh;
    private ProjectionViewer viewer;
    private IDocument document;
    private Annotation[] shown = new Annotation[0];

    @Override
    public void install(ITextViewer textViewer) {
        if (textViewer instanceof ProjectionViewer projection) {
            viewer = projection;
            viewer.addTextInputListener(this);
            setDocument(viewer.getDocument());
        }
    }

    @Override
    public void uninstall() {
        if (viewer != null) {
            viewer.removeTextInputListener(this);
            setDocument(null);
            viewer = null;
        }
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null;
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        setDocument(null);
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        setDocument(newInput);
    }

    @Override
    public void documentAboutToBeChanged(DocumentEvent event) {
        // Folded again once typing stops.
    }

    @Override
    public void documentChanged(DocumentEvent event) {
        Display.getDefault().asyncExec(() -> Display.getDefault().timerExec(QUIET_MILLIS, refresh));
    }

    private void setDocument(IDocument newDocument) {
        if (document != null) {
            document.removeDocumentListener(this);
        }
        document = newDocument;
        shown = new Annotation[0];
        if (document != null) {
            document.addDocumentListener(this);
            KBootPlugin.get().server().ready().thenRun(() -> Display.getDefault().asyncExec(refresh));
        }
    }

    private void refresh() {
        IDocument asked = document;
        Optional<String> uri = asked == null ? Optional.empty() : KBootPlugin.get().documents().uri(asked);
        if (uri.isEmpty()) {
            return;
        }
        KBootPlugin.get().server().server().ifPresent(server -> server.getTextDocumentService()
                .foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(uri.get())))
                .thenAccept(ranges -> Display.getDefault().asyncExec(() -> {
                    if (asked == document && ranges != null) {
                        show(ranges);
                    }
                })));
    }

    private void show(List<FoldingRange> ranges) {
        ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
        if (model == null) {
            return;
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (FoldingRange range : ranges) {
            try {
                int start = document.getLineOffset(range.getStartLine());
                int endLine = Math.min(range.getEndLine(), document.getNumberOfLines() - 1);
                int end = document.getLineOffset(endLine) + document.getLineLength(endLine);
                added.put(new ProjectionAnnotation(), new Position(start, end - start));
            } catch (BadLocationException e) {
                // A range of an older text: the next refresh has the new ones.
            }
        }
        model.modifyAnnotations(shown, added, null);
        shown = added.keySet().toArray(Annotation[]::new);
    }
}
