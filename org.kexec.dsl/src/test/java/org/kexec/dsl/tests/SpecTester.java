package org.kexec.dsl.tests;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.StringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.kexec.dsl.kboot.Spec;
import org.kexec.dsl.validation.IssueCodes;

/**
 * Loads specs as files of one folder (so relative image paths resolve, as in a workspace) and reports every
 * diagnostic as {@code file line:col severity code: message}, in a form tests compare exactly.
 */
public class SpecTester {

    private static final String PREFIX = "org.kexec.dsl.";

    @Inject
    private Provider<XtextResourceSet> resourceSets;

    private final Map<String, Resource> loaded = new LinkedHashMap<>();

    /** Loads {@code files} (name to text) from {@code folder} into one resource set. */
    public SpecTester load(Path folder, Map<String, String> files) {
        XtextResourceSet resources = resourceSets.get();
        loaded.clear();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            try {
                Files.writeString(path, file.getValue());
                Resource resource = resources.createResource(URI.createFileURI(path.toString()));
                resource.load(new StringInputStream(file.getValue()), null);
                loaded.put(file.getKey(), resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** The model of a loaded file. */
    public Spec spec(String file) {
        return (Spec) loaded.get(file).getContents().get(0);
    }

    /** Every diagnostic except the notes that a file is absent at compile time. */
    public List<String> diagnostics() {
        return diagnostics(false);
    }

    /** Every diagnostic of every loaded file, in file and position order. */
    public List<String> diagnostics(boolean withAbsentFileNotes) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Resource> file : loaded.entrySet()) {
            XtextResource resource = (XtextResource) file.getValue();
            for (Issue issue : resource.getResourceServiceProvider().getResourceValidator()
                    .validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
                if (!withAbsentFileNotes && IssueCodes.FILE_NOT_CHECKED.equals(issue.getCode())) {
                    continue;
                }
                String code = issue.getCode() == null ? "" : issue.getCode().replace(PREFIX, "");
                lines.add((loaded.size() > 1 ? file.getKey() + " " : "") + issue.getLineNumber() + ":" + issue.getColumn()
                        + " " + severity(issue.getSeverity()) + " " + code + ": " + issue.getMessage());
            }
        }
        return lines;
    }

    private static String severity(Severity severity) {
        return severity.name().toLowerCase();
    }
}
