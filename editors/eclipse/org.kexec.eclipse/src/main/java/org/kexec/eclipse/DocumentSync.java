package org.kexec.eclipse;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;

/**
 * Installed by the Generic Editor in every {@code .kboot} editor: tells {@link OpenDocuments} which document the
 * editor shows, for as long as it shows it, and starts the language server on the first one.
 */
public final class DocumentSync implements IReconciler, ITextInputListener {

    private ITextViewer viewer;

    @Override
    public void install(ITextViewer textViewer) {
        viewer = textViewer;
        viewer.addTextInputListener(this);
        connect(viewer.getDocument());
    }

    @Override
    public void uninstall() {
        if (viewer != null) {
            viewer.removeTextInputListener(this);
            disconnect(viewer.getDocument());
            viewer = null;
        }
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        disconnect(oldInput);
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        connect(newInput);
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null;
    }

    private static void connect(IDocument document) {
        if (document != null && KBootPlugin.get().documents().connect(document)) {
            KBootPlugin.get().server();
        }
    }

    private static void disconnect(IDocument document) {
        if (document != null) {
            KBootPlugin.get().documents().disconnect(document);
        }
    }
}
