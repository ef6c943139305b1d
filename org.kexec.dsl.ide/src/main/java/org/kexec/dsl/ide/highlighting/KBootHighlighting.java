package org.kexec.dsl.ide.highlighting;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.kexec.dsl.kboot.KbootPackage;
import org.kexec.dsl.kboot.RegisterAssignment;
import org.kexec.dsl.kboot.SymbolValue;

/**
 * Semantic tokens, named with LSP's standard token types: declared names, references to them, register names and
 * the symbols registers take, so editors color what a TextMate grammar cannot tell apart.
 */
public class KBootHighlighting implements ISemanticHighlightingCalculator {

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor, CancelIndicator cancel) {
        if (resource == null || resource.getContents().isEmpty()) {
            return;
        }
        for (var contents = resource.getAllContents(); contents.hasNext() && !cancel.isCanceled();) {
            EObject object = contents.next();
            highlight(object, KbootPackage.Literals.ELEMENT__NAME, "class", acceptor);
            for (EReference reference : object.eClass().getEAllReferences()) {
                if (!reference.isContainment()) {
                    highlight(object, reference, "type", acceptor);
                }
            }
            if (object instanceof RegisterAssignment) {
                highlight(object, KbootPackage.Literals.REGISTER_ASSIGNMENT__REGISTER, "property", acceptor);
            }
            if (object instanceof SymbolValue) {
                highlight(object, KbootPackage.Literals.SYMBOL_VALUE__SYMBOL, "enumMember", acceptor);
            }
        }
    }

    private static void highlight(EObject object, EStructuralFeature feature, String type, IHighlightedPositionAcceptor acceptor) {
        if (!feature.getEContainingClass().isSuperTypeOf(object.eClass())) {
            return;
        }
        for (INode node : NodeModelUtils.findNodesForFeature(object, feature)) {
            acceptor.addPosition(node.getOffset(), node.getLength(), type);
        }
    }
}
