package org.kexec.dsl.ide.contentassist;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.kexec.dsl.services.KBootGrammarAccess;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.memory.MemoryProfiles;
import org.kexec.runtime.spec.Register;
import org.kexec.runtime.spec.RegisterSymbol;

/**
 * Completion beyond keywords and names in scope (which Xtext proposes itself): register names, the symbols a
 * register can take, bundled memory-map profiles, built-in images, and sizes in the units people write.
 */
public class KBootProposalProvider extends IdeContentProposalProvider {

    private static final List<String> SIZES = List.of("256M", "512M", "1G", "640K", "4G");

    @Inject
    private KBootGrammarAccess grammar;

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        if (assignment == grammar.getRegisterAssignmentAccess().getRegisterAssignment_0()) {
            for (Register register : Register.values()) {
                propose(register.keyword(), "register", context, acceptor);
            }
        } else if (assignment == grammar.getRegisterValueAccess().getSymbolAssignment_0_1()) {
            for (RegisterSymbol symbol : RegisterSymbol.values()) {
                propose(symbol.keyword(), "resolved from the plan", context, acceptor);
            }
        } else if (assignment == grammar.getMemmapSourceAccess().getProfileAssignment_0_2()) {
            for (String profile : MemoryProfiles.NAMES) {
                propose("\"" + profile + "\"", "recorded memory map", context, acceptor);
            }
        } else if (assignment == grammar.getImageAccess().getPathAssignment_3_0_1()) {
            for (String path : BuiltInImages.PATHS) {
                propose("\"" + path + "\"", "built-in image", context, acceptor);
            }
            super._createProposals(assignment, context, acceptor);
        } else if (assignment == grammar.getCrashAccess().getReservationAssignment_3_0_1()
                || assignment == grammar.getCrashAccess().getBackupSizeAssignment_3_1_1_1_0()) {
            for (String size : SIZES) {
                propose(size, "size", context, acceptor);
            }
        } else {
            super._createProposals(assignment, context, acceptor);
        }
    }

    private void propose(String text, String description, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
        ContentAssistEntry entry = getProposalCreator().createProposal(text, context);
        if (entry != null) {
            entry.setDescription(description);
            acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
        }
    }
}
