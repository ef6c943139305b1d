package org.kexec.dsl;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.validation.IDiagnosticConverter;
import org.kexec.dsl.conversion.KBootValueConverters;
import org.kexec.dsl.scoping.KBootLinkingDiagnostics;
import org.kexec.dsl.scoping.KBootQualifiedNameProvider;
import org.kexec.dsl.validation.KBootDiagnosticConverter;

/** Guice bindings of the .kboot language beyond the generated defaults. */
public class KBootRuntimeModule extends AbstractKBootRuntimeModule {

    /** Sizes with units and 64-bit hex addresses. */
    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return KBootValueConverters.class;
    }

    /** Unresolved references say what to declare or import instead of Xtext's generic message. */
    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return KBootLinkingDiagnostics.class;
    }

    /** Elements whose name parsed empty have no qualified name. */
    @Override
    public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
        return KBootQualifiedNameProvider.class;
    }

    /** Syntax errors at the end of a file that ends in a lone carriage return are reported, not lost. */
    public Class<? extends IDiagnosticConverter> bindIDiagnosticConverter() {
        return KBootDiagnosticConverter.class;
    }
}
