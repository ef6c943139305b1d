package org.kexec.eclipse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.TextDocumentIdentifier;

/** Go to definition (Ctrl+click, F3 through hyperlinks): the server's definitions as hyperlinks on the name. */
public final class Definitions extends AbstractHyperlinkDetector {

    private static final long ANSWER_MILLIS = 3000;

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
        IDocument document = viewer.getDocument();
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (uri.isEmpty()) {
            return null;
        }
        try {
            DefinitionParams params = new DefinitionParams(new TextDocumentIdentifier(uri.get()), Positions.position(document, region.getOffset()));
            IRegion name = Positions.wordAt(document, region.getOffset());
            List<IHyperlink> links = new ArrayList<>();
            KBootPlugin.get().server()
                    .request(server -> server.getTextDocumentService().definition(params), ANSWER_MILLIS)
                    .ifPresent(answer -> {
                        if (answer.isLeft()) {
                            for (Location location : answer.getLeft()) {
                                links.add(new DefinitionLink(name, location.getUri(), location.getRange()));
                            }
                        } else {
                            for (LocationLink link : answer.getRight()) {
                                IRegion origin = link.getOriginSelectionRange() == null ? name
                                        : Positions.region(document, link.getOriginSelectionRange());
                                links.add(new DefinitionLink(origin, link.getTargetUri(), link.getTargetSelectionRange()));
                            }
                        }
                    });
            if (links.isEmpty() || name.getLength() == 0) {
                return null;
            }
            return canShowMultipleHyperlinks ? links.toArray(IHyperlink[]::new) : new IHyperlink[] {links.get(0)};
        } catch (BadLocationException e) {
            return null;
        }
    }
}
