package org.kexec.eclipse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
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
public final class Folding implements IReconciler, ShownDocument.Owner {

    private static final int QUIET_MILLIS = 500;

    private final Runnable refresh = this::refresh;
    private ProjectionViewer viewer;
    private ShownDocument document;
    private Annotation[] folds = new Annotation[0];

    @Override
    public void install(ITextViewer textViewer) {
        if (textViewer instanceof ProjectionViewer projection) {
            viewer = projection;
            document = ShownDocument.follow(viewer, this);
        }
    }

    @Override
    public void uninstall() {
        if (document != null) {
            document.stop();
            document = null;
            viewer = null;
        }
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null;
    }

    @Override
    public void shown(IDocument shown) {
        folds = new Annotation[0];
        KBootPlugin.get().server().ready().thenRun(() -> Display.getDefault().asyncExec(refresh));
    }

    @Override
    public void edited(IDocument edited) {
        Display.getDefault().asyncExec(() -> Display.getDefault().timerExec(QUIET_MILLIS, refresh));
    }

    private void refresh() {
        IDocument asked = document == null ? null : document.document();
        Optional<String> uri = asked == null ? Optional.empty() : KBootPlugin.get().documents().uri(asked);
        if (uri.isEmpty()) {
            return;
        }
        KBootPlugin.get().server().server().ifPresent(server -> server.getTextDocumentService()
                .foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(uri.get())))
                .thenAccept(ranges -> Display.getDefault().asyncExec(() -> {
                    if (document != null && asked == document.document() && ranges != null) {
                        show(asked, ranges);
                    }
                })));
    }

    private void show(IDocument text, List<FoldingRange> ranges) {
        ProjectionAnnotationModel model = viewer.getProjectionAnnotationModel();
        if (model == null) {
            return;
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (FoldingRange range : ranges) {
            try {
                int start = text.getLineOffset(range.getStartLine());
                int endLine = Math.min(range.getEndLine(), text.getNumberOfLines() - 1);
                int end = text.getLineOffset(endLine) + text.getLineLength(endLine);
                added.put(new ProjectionAnnotation(), new Position(start, end - start));
            } catch (BadLocationException e) {
                // A range of an older text: the next refresh has the new ones.
            }
        }
        model.modifyAnnotations(folds, added, null);
        folds = added.keySet().toArray(Annotation[]::new);
    }
}
