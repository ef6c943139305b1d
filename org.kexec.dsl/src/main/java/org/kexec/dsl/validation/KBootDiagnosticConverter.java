package org.kexec.dsl.validation;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.AbstractDiagnostic;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.validation.CheckType;
import org.eclipse.xtext.validation.DiagnosticConverterImpl;
import org.eclipse.xtext.validation.Issue;

/**
 * Converts parse and link diagnostics like Xtext does, also for a file that ends in a lone carriage return: there
 * Xtext 2.42 computes a diagnostic's end position by reading the character after the last one
 * (InternalNodeModelUtils.getLineAndColumnNoExactLineBreak) and fails, which would drop the syntax error. Such a
 * diagnostic ends where it starts instead.
 */
public class KBootDiagnosticConverter extends DiagnosticConverterImpl {

    @Override
    public void convertResourceDiagnostic(Resource.Diagnostic diagnostic, Severity severity, IAcceptor<Issue> acceptor) {
        try {
            super.convertResourceDiagnostic(diagnostic, severity, acceptor);
        } catch (StringIndexOutOfBoundsException endPastTheText) {
            Issue.IssueImpl issue = new Issue.IssueImpl();
            issue.setSyntaxError(diagnostic instanceof XtextSyntaxDiagnostic);
            issue.setSeverity(severity);
            issue.setLineNumber(diagnostic.getLine());
            issue.setColumn(diagnostic.getColumn());
            issue.setLineNumberEnd(diagnostic.getLine());
            issue.setColumnEnd(diagnostic.getColumn());
            issue.setMessage(diagnostic.getMessage());
            if (diagnostic instanceof AbstractDiagnostic located) {
                issue.setOffset(located.getOffset());
                issue.setLength(located.getLength());
                issue.setUriToProblem(located.getUriToProblem());
                issue.setCode(located.getCode());
                issue.setData(located.getData());
            }
            issue.setType(CheckType.FAST);
            acceptor.accept(issue);
        }
    }
}
