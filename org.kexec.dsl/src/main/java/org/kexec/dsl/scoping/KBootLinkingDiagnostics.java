package org.kexec.dsl.scoping;

import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.IllegalNodeException;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.kexec.dsl.kboot.KbootPackage;
import org.kexec.dsl.validation.IssueCodes;

/** Says what an unresolved name should be and how to make it visible. */
public class KBootLinkingDiagnostics extends LinkingDiagnosticMessageProvider {

    @Override
    public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
        String name;
        try {
            name = context.getLinkText();
        } catch (IllegalNodeException e) {
            name = e.getNode().getText();
        }
        String what = switch (context.getReference().getEReferenceType().getClassifierID()) {
            case KbootPackage.IMAGE -> "image";
            case KbootPackage.BOOT -> "boot";
            case KbootPackage.TRUST_ANCHOR -> "trust anchor";
            default -> context.getReference().getEReferenceType().getName();
        };
        return new DiagnosticMessage("No " + what + " named '" + name + "' is visible here: declare it, or import the"
                + " package that declares it.", Severity.ERROR, IssueCodes.UNRESOLVED_REFERENCE);
    }
}
