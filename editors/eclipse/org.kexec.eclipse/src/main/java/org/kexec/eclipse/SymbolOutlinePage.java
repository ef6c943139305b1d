package org.kexec.eclipse;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/**
 * The Outline view of a {@code .kboot} editor: the server's document symbols (packages, kernels, initrds, boots and
 * their parts) as a tree, refreshed half a second after typing stops; selecting one selects its name in the editor.
 */
final class SymbolOutlinePage extends ContentOutlinePage implements IDocumentListener {

    private static final int QUIET_MILLIS = 500;

    private final ITextEditor editor;
    private final Runnable refresh = this::refresh;
    private IDocument document;

    SymbolOutlinePage(ITextEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new SymbolTree());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((DocumentSymbol) element).getName();
            }
        });
        document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        document.addDocumentListener(this);
        KBootPlugin.get().server().ready().thenRun(() -> Display.getDefault().asyncExec(refresh));
        refresh();
    }

    @Override
    public void dispose() {
        if (document != null) {
            document.removeDocumentListener(this);
        }
        super.dispose();
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection selection && selection.getFirstElement() instanceof DocumentSymbol symbol) {
            IRegion name = Positions.region(document, symbol.getSelectionRange());
            editor.selectAndReveal(name.getOffset(), name.getLength());
        }
    }

    @Override
    public void documentAboutToBeChanged(DocumentEvent event) {
        // The tree is asked for after the change.
    }

    @Override
    public void documentChanged(DocumentEvent event) {
        Display.getDefault().timerExec(QUIET_MILLIS, refresh);
    }

    private void refresh() {
        TreeViewer viewer = getTreeViewer();
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (viewer == null || viewer.getControl().isDisposed() || uri.isEmpty()) {
            return;
        }
        DocumentSymbolParams params = new DocumentSymbolParams(new TextDocumentIdentifier(uri.get()));
        KBootPlugin.get().server().server().ifPresent(server -> server.getTextDocumentService().documentSymbol(params)
                .thenAccept(answer -> {
                    List<DocumentSymbol> symbols = answer.stream()
                            .map(either -> either.map(SymbolOutlinePage::asSymbol, symbol -> symbol)).toList();
                    Display.getDefault().asyncExec(() -> {
                        if (!viewer.getControl().isDisposed()) {
                            viewer.setInput(symbols);
                            viewer.expandAll();
                        }
                    });
                }));
    }

    private static DocumentSymbol asSymbol(SymbolInformation flat) {
        return new DocumentSymbol(flat.getName(), flat.getKind(), flat.getLocation().getRange(), flat.getLocation().getRange());
    }

    private static final class SymbolTree implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            List<DocumentSymbol> children = ((DocumentSymbol) parent).getChildren();
            return children == null ? new Object[0] : children.toArray();
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            List<DocumentSymbol> children = ((DocumentSymbol) element).getChildren();
            return children != null && !children.isEmpty();
        }
    }
}
