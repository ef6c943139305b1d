package org.kexec.eclipse;

import java.net.URI;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.lsp4j.Range;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/** A hyperlink to a definition: opens its file (in the workspace when it is there) and selects the name. */
final class DefinitionLink implements IHyperlink {

    private final IRegion region;
    private final String targetUri;
    private final Range targetRange;

    DefinitionLink(IRegion region, String targetUri, Range targetRange) {
        this.region = region;
        this.targetUri = targetUri;
        this.targetRange = targetRange;
    }

    @Override
    public IRegion getHyperlinkRegion() {
        return region;
    }

    @Override
    public String getTypeLabel() {
        return "kboot definition";
    }

    @Override
    public String getHyperlinkText() {
        return "Open Definition";
    }

    @Override
    public void open() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        URI location = URI.create(targetUri);
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(location);
        try {
            IEditorPart editor = files.length > 0 ? IDE.openEditor(page, files[0], true)
                    : IDE.openEditorOnFileStore(page, EFS.getStore(location));
            if (editor instanceof ITextEditor textEditor) {
                IDocument document = textEditor.getDocumentProvider().getDocument(textEditor.getEditorInput());
                IRegion target = Positions.region(document, targetRange);
                textEditor.selectAndReveal(target.getOffset(), target.getLength());
            }
        } catch (CoreException e) {
            KBootPlugin.get().log().log(e.getStatus());
        }
    }
}
