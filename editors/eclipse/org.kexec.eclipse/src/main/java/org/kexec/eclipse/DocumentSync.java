package org.kexec.eclipse;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;

/**
 * Installed by the Generic Editor in every {@code .kboot} editor: tells {@link OpenDocuments} which document the
 * editor shows, for as long as it shows it, and starts the language server on the first one.
 */
public final class DocumentSync implements IReconciler, ShownDocument.Owner {

    private ShownDocument shown;

    @Override
    public void install(ITextViewer textViewer) {
        shown = ShownDocument.follow(textViewer, this);
    }

    @Override
    public void uninstall() {
        if (shown != null) {
            shown.stop();
            shown = null;
        }
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null;
    }

    @Override
    public void shown(IDocument document) {
        if (KBootPlugin.get().documents().connect(document)) {
            KBootPlugin.get().server();
        }
    }

    @Override
    public void hidden(IDocument document) {
        KBootPlugin.get().documents().disconnect(document);
    }
}
