package org.kexec.eclipse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

/**
 * The server's diagnostics as problem markers of type {@code org.kexec.eclipse.problem} on the workspace files they
 * are about: each publication replaces the file's markers. Markers show in the Problems view and, through the
 * editor's annotation model, as annotations in the editor.
 */
final class ProblemMarkers {

    static final String TYPE = KBootPlugin.ID + ".problem";
    static final String CODE = "code";

    private final OpenDocuments documents;

    ProblemMarkers(OpenDocuments documents) {
        this.documents = documents;
    }

    void publish(PublishDiagnosticsParams published) {
        URI location = URI.create(published.getUri());
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        for (IFile file : workspace.getRoot().findFilesForLocationURI(location)) {
            Job job = Job.create("kboot problems in " + file.getName(), monitor -> {
                if (file.exists()) {
                    workspace.run(inner -> replace(file, published), file, IWorkspace.AVOID_UPDATE, monitor);
                }
            });
            job.setSystem(true);
            job.setRule(file);
            job.schedule();
        }
    }

    private void replace(IFile file, PublishDiagnosticsParams published) throws CoreException {
        file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
        List<Diagnostic> diagnostics = published.getDiagnostics();
        if (diagnostics.isEmpty()) {
            return;
        }
        IDocument text = documents.document(published.getUri()).orElseGet(() -> read(file));
        for (Diagnostic diagnostic : diagnostics) {
            IRegion region = Positions.region(text, diagnostic.getRange());
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(IMarker.MESSAGE, diagnostic.getMessage().map(plain -> plain, MarkupContent::getValue));
            attributes.put(IMarker.SEVERITY, severity(diagnostic.getSeverity()));
            attributes.put(IMarker.LINE_NUMBER, diagnostic.getRange().getStart().getLine() + 1);
            attributes.put(IMarker.CHAR_START, region.getOffset());
            attributes.put(IMarker.CHAR_END, region.getOffset() + Math.max(1, region.getLength()));
            attributes.put(IMarker.SOURCE_ID, "kboot");
            if (diagnostic.getCode() != null) {
                attributes.put(CODE, diagnostic.getCode().map(code -> code, String::valueOf));
            }
            file.createMarker(TYPE, attributes);
        }
    }

    private static int severity(DiagnosticSeverity severity) {
        if (severity == null || severity == DiagnosticSeverity.Error) {
            return IMarker.SEVERITY_ERROR;
        }
        return severity == DiagnosticSeverity.Warning ? IMarker.SEVERITY_WARNING : IMarker.SEVERITY_INFO;
    }

    private static IDocument read(IFile file) {
        try {
            return new Document(Files.readString(Path.of(file.getLocationURI())));
        } catch (IOException e) {
            return new Document();
        }
    }
}
