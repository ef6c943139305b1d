package org.kexec.eclipse;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** Between LSP positions (line and UTF-16 column, as Java strings count) and document offsets. */
final class Positions {

    private Positions() {
    }

    /** The offset of a position, kept inside the document when the server names a place past its end. */
    static int offset(IDocument document, Position position) {
        try {
            int lines = document.getNumberOfLines();
            if (position.getLine() >= lines) {
                return document.getLength();
            }
            int lineOffset = document.getLineOffset(position.getLine());
            int lineLength = document.getLineInformation(position.getLine()).getLength();
            return lineOffset + Math.min(position.getCharacter(), lineLength);
        } catch (BadLocationException e) {
            return document.getLength();
        }
    }

    static Position position(IDocument document, int offset) throws BadLocationException {
        int line = document.getLineOfOffset(offset);
        return new Position(line, offset - document.getLineOffset(line));
    }

    static IRegion region(IDocument document, Range range) {
        int start = offset(document, range.getStart());
        return new Region(start, Math.max(0, offset(document, range.getEnd()) - start));
    }

    /** The name (letters, digits, {@code _}, {@code -}, {@code .}) around an offset, or an empty region there. */
    static IRegion wordAt(IDocument document, int offset) {
        String text = document.get();
        int start = offset;
        while (start > 0 && isNameCharacter(text.charAt(start - 1))) {
            start--;
        }
        int end = offset;
        while (end < text.length() && isNameCharacter(text.charAt(end))) {
            end++;
        }
        return new Region(start, end - start);
    }

    private static boolean isNameCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
