package org.kexec.dsl.ide.quickfix;

import com.google.gson.JsonArray;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.editor.quickfix.AbstractDeclarativeIdeQuickfixProvider;
import org.eclipse.xtext.ide.editor.quickfix.DiagnosticResolutionAcceptor;
import org.eclipse.xtext.ide.editor.quickfix.QuickFix;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.validation.IssueCodes;

/**
 * Quick fixes for the mechanical repairs: the validator puts the replacement text in the diagnostic's data, so a
 * fix replaces the diagnostic's range with it; the crash command line gets its missing arguments appended.
 */
public class KBootQuickfixProvider extends AbstractDeclarativeIdeQuickfixProvider {

    @QuickFix(IssueCodes.FILE_LOAD_ON_XEN)
    public void useKexecLoad(DiagnosticResolutionAcceptor acceptor) {
        replaceWithData("Use kexec_load", acceptor);
    }

    @QuickFix(IssueCodes.LOCKDOWN_KEXEC_LOAD)
    public void useKexecFileLoad(DiagnosticResolutionAcceptor acceptor) {
        replaceWithData("Use kexec_file_load", acceptor);
    }

    @QuickFix(IssueCodes.FILE_LOAD_HASH)
    public void useSha256(DiagnosticResolutionAcceptor acceptor) {
        replaceWithData("Verify with sha256", acceptor);
    }

    @QuickFix(IssueCodes.UNALIGNED_ADDRESS)
    public void alignAddress(DiagnosticResolutionAcceptor acceptor) {
        replaceWithData("Align the address", acceptor);
    }

    @QuickFix(IssueCodes.INVALID_DIGEST)
    public void fixDigestAlgorithm(DiagnosticResolutionAcceptor acceptor) {
        replaceWithData("Name the algorithm this digest's length belongs to", acceptor);
    }

    @QuickFix(IssueCodes.CRASH_CMDLINE_INCOMPLETE)
    public void appendCrashArguments(DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept("Append the missing crash arguments", (diagnostic, element, document) -> {
            String arguments = data(diagnostic);
            if (arguments == null || !(element instanceof Boot boot)) {
                return List.of();
            }
            ICompositeNode node = NodeModelUtils.getNode(boot);
            int close = node.getOffset() + node.getLength() - 1;
            Position at = document.getPosition(close);
            return List.of(new TextEdit(new Range(at, at), "    append \"" + arguments + "\"\n"));
        });
    }

    /** Offers {@code label} when the validator suggested a replacement, and replaces the diagnostic's range with it. */
    private void replaceWithData(String label, DiagnosticResolutionAcceptor acceptor) {
        acceptor.accept(label, (diagnostic, element, document) -> {
            String replacement = data(diagnostic);
            return replacement == null ? List.of() : createTextEdit(diagnostic, replacement);
        });
    }

    /** The first issue datum: a String[] in process, a JSON array once it has crossed the wire. */
    static String data(Diagnostic diagnostic) {
        Object data = diagnostic.getData();
        if (data instanceof String[] strings && strings.length > 0) {
            return strings[0];
        }
        if (data instanceof JsonArray array && !array.isEmpty()) {
            return array.get(0).getAsString();
        }
        return null;
    }
}
