package org.kexec.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.DefaultDeclarativeQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;

/**
 * Qualified names from the {@code name} attributes, as Xtext computes them, except that an element whose name
 * parsed empty (a {@code package} followed by a syntax error) has none: Xtext's scoping would otherwise turn the
 * empty package name into an import and fail, taking every reference of the file with it.
 */
public class KBootQualifiedNameProvider extends DefaultDeclarativeQualifiedNameProvider {

    @Override
    public QualifiedName getFullyQualifiedName(EObject element) {
        QualifiedName name = super.getFullyQualifiedName(element);
        return name == null || name.isEmpty() ? null : name;
    }
}
