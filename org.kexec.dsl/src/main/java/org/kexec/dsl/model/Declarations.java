package org.kexec.dsl.model;

import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Whether a setting was written in the text. EMF cannot tell an enum or boolean left at its default from one set
 * to the default ({@code target linux}), but inheritance and "set twice" checks must; the node model can.
 */
public final class Declarations {

    private Declarations() {
    }

    /** True when {@code owner} has {@code feature} written in its text (or, for a model built in code, set). */
    public static boolean isDeclared(EObject owner, EStructuralFeature feature) {
        if (owner == null) {
            return false;
        }
        if (NodeModelUtils.getNode(owner) == null) {
            return feature.isMany() ? !((List<?>) owner.eGet(feature)).isEmpty() : owner.eIsSet(feature);
        }
        return !NodeModelUtils.findNodesForFeature(owner, feature).isEmpty();
    }

    /** The nodes where {@code feature} is written in {@code owner}'s text, in order. */
    public static List<INode> nodes(EObject owner, EStructuralFeature feature) {
        return NodeModelUtils.findNodesForFeature(owner, feature);
    }
}
