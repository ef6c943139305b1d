package org.kexec.eclipse;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;

/**
 * Hover text from the server, over the name under the mouse. The Generic Editor shows hovers as plain text, so
 * Markdown's code spans lose their backticks.
 */
public final class Hover implements ITextHover {

    private static final long ANSWER_MILLIS = 3000;

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return Positions.wordAt(viewer.getDocument(), offset);
    }

    @Override
    @SuppressWarnings("deprecation") // getHoverInfo2 wants an Object; the generic editor shows this string as text
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        IDocument document = viewer.getDocument();
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (uri.isEmpty()) {
            return null;
        }
        try {
            HoverParams params = new HoverParams(new TextDocumentIdentifier(uri.get()), Positions.position(document, region.getOffset()));
            return KBootPlugin.get().server()
                    .request(server -> server.getTextDocumentService().hover(params), ANSWER_MILLIS)
                    .filter(hover -> hover.getContents() != null)
                    .map(hover -> hover.getContents().map(
                            parts -> parts.stream().map(part -> part.map(text -> text, MarkedString::getValue))
                                    .collect(Collectors.joining("\n\n")),
                            markup -> MarkupKind.MARKDOWN.equals(markup.getKind()) ? plain(markup.getValue()) : markup.getValue()))
                    .filter(text -> !text.isBlank()).orElse(null);
        } catch (BadLocationException e) {
            return null;
        }
    }

    private static String plain(String markdown) {
        return CODE_SPAN.matcher(markdown).replaceAll("$1");
    }
}
