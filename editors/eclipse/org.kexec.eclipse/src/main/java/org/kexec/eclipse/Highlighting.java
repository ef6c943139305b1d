package org.kexec.eclipse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.TextEvent;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.TextViewer;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.widgets.Display;

/**
 * Colours a {@code .kboot} editor: at once from the TextMate grammar (keywords, strings, comments, numbers,
 * constants, registers), then from the server's semantic tokens (what each name is), which win where they fall.
 * The whole text is coloured on every change (specs are small), and again whenever the viewer redraws all of it
 * (folding a region rebuilds what the widget shows, and with it its colours).
 */
public final class Highlighting implements IPresentationReconciler, ShownDocument.Owner, ITextListener {

    /** The semantic token types this client colours (see {@link TokenStyle#ofSemanticType}). */
    static final List<String> TOKEN_TYPES = List.of("class", "type", "namespace", "property", "variable", "enumMember", "keyword");

    private static final TextMateGrammar GRAMMAR = TextMateGrammar.kboot();

    private TextViewer viewer;
    private ShownDocument shownDocument;
    private List<StyleRange> semantic = List.of();
    private int semanticVersion = -1;

    @Override
    public void install(ITextViewer textViewer) {
        viewer = (TextViewer) textViewer;
        viewer.addTextListener(this);
        shownDocument = ShownDocument.follow(viewer, this);
    }

    @Override
    public void uninstall() {
        if (viewer != null) {
            viewer.removeTextListener(this);
            shownDocument.stop();
            shownDocument = null;
            viewer = null;
        }
    }

    @Override
    public IPresentationDamager getDamager(String contentType) {
        return null;
    }

    @Override
    public IPresentationRepairer getRepairer(String contentType) {
        return null;
    }

    @Override
    public void shown(IDocument document) {
        semantic = List.of();
        semanticVersion = -1;
        colour(document);
        KBootPlugin.get().server().ready().thenRun(() -> Display.getDefault().asyncExec(() -> colour(document())));
    }

    @Override
    public void edited(IDocument document) {
        // After the editor has shown the change, and after the language server has been told of it.
        Display.getDefault().asyncExec(() -> colour(document()));
    }

    @Override
    public void textChanged(TextEvent event) {
        if (event.getDocumentEvent() == null && showing(document())) {
            apply(document());
        }
    }

    /** The document shown now, or null. */
    private IDocument document() {
        return shownDocument == null ? null : shownDocument.document();
    }

    private boolean showing(IDocument document) {
        return viewer != null && document != null && viewer.getTextWidget() != null && !viewer.getTextWidget().isDisposed();
    }

    /** Colours from the grammar now, and asks the server for semantic tokens of this version of the text. */
    private void colour(IDocument document) {
        if (!showing(document)) {
            return;
        }
        apply(document);
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (uri.isEmpty()) {
            return;
        }
        LanguageServerProcess server = KBootPlugin.get().server();
        if (server.server().isEmpty() || server.capabilities().getSemanticTokensProvider() == null) {
            return;
        }
        int version = KBootPlugin.get().documents().version(document);
        if (version == semanticVersion) {
            return;
        }
        SemanticTokensLegend legend = server.capabilities().getSemanticTokensProvider().getLegend();
        server.server().get().getTextDocumentService().semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri.get())))
                .thenAccept(tokens -> Display.getDefault().asyncExec(() -> {
                    if (document == document() && KBootPlugin.get().documents().version(document) == version && tokens != null) {
                        semantic = decode(document, tokens, legend);
                        semanticVersion = version;
                        apply(document);
                    }
                }));
    }

    private void apply(IDocument document) {
        String text = document.get();
        StyleRange[] byCharacter = new StyleRange[text.length()];
        for (TextMateGrammar.Token token : GRAMMAR.tokenize(text)) {
            TokenStyle style = TokenStyle.ofScope(token.scope());
            if (style != null) {
                paint(byCharacter, style.range(token.offset(), token.length()));
            }
        }
        if (semanticVersion == KBootPlugin.get().documents().version(document)) {
            semantic.forEach(range -> paint(byCharacter, range));
        }
        TextPresentation presentation = new TextPresentation();
        presentation.setDefaultStyleRange(new StyleRange(0, text.length(), null, null));
        for (int start = 0; start < byCharacter.length;) {
            int end = start + 1;
            while (end < byCharacter.length && byCharacter[end] == byCharacter[start]) {
                end++;
            }
            if (byCharacter[start] != null) {
                StyleRange range = (StyleRange) byCharacter[start].clone();
                range.start = start;
                range.length = end - start;
                presentation.addStyleRange(range);
            }
            start = end;
        }
        viewer.changeTextPresentation(presentation, false);
    }

    private static void paint(StyleRange[] byCharacter, StyleRange range) {
        for (int i = range.start; i < Math.min(byCharacter.length, range.start + range.length); i++) {
            byCharacter[i] = range;
        }
    }

    /** The server's tokens (relative line and column, length, type) as style ranges in this document. */
    private static List<StyleRange> decode(IDocument document, SemanticTokens tokens, SemanticTokensLegend legend) {
        List<Integer> data = tokens.getData();
        List<StyleRange> ranges = new ArrayList<>();
        int line = 0;
        int character = 0;
        for (int i = 0; i + 4 < data.size(); i += 5) {
            line += data.get(i);
            character = data.get(i) == 0 ? character + data.get(i + 1) : data.get(i + 1);
            int type = data.get(i + 3);
            TokenStyle style = type < legend.getTokenTypes().size() ? TokenStyle.ofSemanticType(legend.getTokenTypes().get(type)) : null;
            if (style != null) {
                int offset = Positions.offset(document, new Position(line, character));
                ranges.add(style.range(offset, Math.min(data.get(i + 2), document.getLength() - offset)));
            }
        }
        return ranges;
    }
}
