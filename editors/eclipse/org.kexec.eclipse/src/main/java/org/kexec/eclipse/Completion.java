package org.kexec.eclipse;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;

/** Content assist (Ctrl+Space) from the server's completion, each proposal replacing what the server says. */
public final class Completion implements IContentAssistProcessor {

    private static final long ANSWER_MILLIS = 3000;

    private String errorMessage;

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        errorMessage = null;
        IDocument document = viewer.getDocument();
        Optional<String> uri = KBootPlugin.get().documents().uri(document);
        if (uri.isEmpty()) {
            return new ICompletionProposal[0];
        }
        try {
            CompletionParams params = new CompletionParams(new TextDocumentIdentifier(uri.get()), Positions.position(document, offset));
            Optional<List<CompletionItem>> items = KBootPlugin.get().server()
                    .request(server -> server.getTextDocumentService().completion(params), ANSWER_MILLIS)
                    .map(answer -> answer.map(list -> list, completions -> completions.getItems()));
            if (items.isEmpty()) {
                errorMessage = "kboot language server: no answer (see Eclipse's log)";
                return new ICompletionProposal[0];
            }
            return items.get().stream()
                    .sorted(Comparator.comparing((CompletionItem item) -> Optional.ofNullable(item.getSortText()).orElse(item.getLabel()))
                            .thenComparing(CompletionItem::getLabel))
                    .map(item -> proposal(document, offset, item)).toArray(ICompletionProposal[]::new);
        } catch (BadLocationException e) {
            return new ICompletionProposal[0];
        }
    }

    private static ICompletionProposal proposal(IDocument document, int offset, CompletionItem item) {
        String text;
        IRegion replaced;
        if (item.getTextEdit() != null) {
            TextEdit edit = item.getTextEdit().map(plain -> plain,
                    insertReplace -> new TextEdit(insertReplace.getInsert(), insertReplace.getNewText()));
            text = edit.getNewText();
            replaced = Positions.region(document, edit.getRange());
        } else {
            text = Optional.ofNullable(item.getInsertText()).orElse(item.getLabel());
            IRegion word = Positions.wordAt(document, offset);
            replaced = new Region(word.getOffset(), offset - word.getOffset());
        }
        String display = item.getDetail() == null || item.getDetail().isBlank() ? item.getLabel()
                : item.getLabel() + " - " + item.getDetail();
        String documentation = item.getDocumentation() == null ? null
                : item.getDocumentation().map(plain -> plain, markup -> markup.getValue());
        return new CompletionProposal(text, replaced.getOffset(), replaced.getLength(), text.length(), null, display, null,
                documentation);
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return null;
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
