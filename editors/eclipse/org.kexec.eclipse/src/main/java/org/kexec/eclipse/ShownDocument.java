package org.kexec.eclipse;

import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;

/**
 * The document a text viewer shows, followed across the viewer's input changes: tells its owner when a document is
 * shown, when it stops being shown, and when its text changed. The editor extensions that work on a viewer's text
 * (document sync, folding, highlighting) follow it through this one piece.
 */
final class ShownDocument implements ITextInputListener, IDocumentListener {

    /** What a follower is told; every call comes on the thread that changed the viewer or the text. */
    interface Owner {
        void shown(IDocument document);

        default void hidden(IDocument document) {
        }

        default void edited(IDocument document) {
        }
    }

    private final ITextViewer viewer;
    private final Owner owner;
    private IDocument document;

    private ShownDocument(ITextViewer viewer, Owner owner) {
        this.viewer = viewer;
        this.owner = owner;
    }

    /** Starts following {@code viewer}'s document, telling {@code owner} of the one it shows now, if any. */
    static ShownDocument follow(ITextViewer viewer, Owner owner) {
        ShownDocument followed = new ShownDocument(viewer, owner);
        viewer.addTextInputListener(followed);
        followed.show(viewer.getDocument());
        return followed;
    }

    /** Stops following; the owner is told the document is no longer shown. */
    void stop() {
        viewer.removeTextInputListener(this);
        show(null);
    }

    /** The document shown now, or null. */
    IDocument document() {
        return document;
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        show(null);
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        show(newInput);
    }

    @Override
    public void documentAboutToBeChanged(DocumentEvent event) {
        // Owners are told after the change.
    }

    @Override
    public void documentChanged(DocumentEvent event) {
        owner.edited(event.getDocument());
    }

    private void show(IDocument newDocument) {
        if (newDocument == document) {
            return;
        }
        if (document != null) {
            document.removeDocumentListener(this);
            IDocument previous = document;
            document = null;
            owner.hidden(previous);
        }
        document = newDocument;
        if (document != null) {
            document.addDocumentListener(this);
            owner.shown(document);
        }
    }
}
