package org.kexec.dsl.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.quickfix.IQuickFixProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.codeActions.QuickFixCodeActionService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.kexec.dsl.ide.contentassist.KBootProposalProvider;
import org.kexec.dsl.ide.highlighting.KBootHighlighting;
import org.kexec.dsl.ide.hover.KBootHoverService;
import org.kexec.dsl.ide.quickfix.KBootQuickfixProvider;

/** Guice bindings of the IDE services (language server) beyond the generated defaults. */
public class KBootIdeModule extends AbstractKBootIdeModule {

    /** Registers, symbols, profiles, built-in images and sizes, beside keywords and names. */
    public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
        return KBootProposalProvider.class;
    }

    /** Kernel headers, numbers in hex and MiB, a boot's segments. */
    public Class<? extends IHoverService> bindIHoverService() {
        return KBootHoverService.class;
    }

    /** Code actions come from the quick fixes below. */
    public Class<? extends ICodeActionService2> bindICodeActionService2() {
        return QuickFixCodeActionService.class;
    }

    public Class<? extends IQuickFixProvider> bindIQuickFixProvider() {
        return KBootQuickfixProvider.class;
    }

    /** Declared names, references, registers and symbols as semantic tokens. */
    public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
        return KBootHighlighting.class;
    }
}
