package org.kexec.generator.cli;

import com.google.inject.Injector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.kexec.dsl.kboot.Boot;
import org.kexec.dsl.model.HostRoot;
import org.kexec.generator.Diagnostic;

/**
 * The specs kbootc works on: the .kboot files named on the command line (folders searched recursively), loaded
 * into one resource set with the other specs of their folders, so references between files resolve as they do
 * in an editor's workspace. Only the named files are reported on, compiled and planned.
 */
final class SpecWorkspace {

    private static final String EXTENSION = ".kboot";

    private final XtextResourceSet resources;
    /** Each named resource with the path the user knows it by. */
    private final Map<Resource, String> displayNames = new LinkedHashMap<>();
    /** The folders named, and the folders of the files named: what {@link #relativeName} is relative to. */
    private final List<Path> roots = new ArrayList<>();

    private SpecWorkspace(XtextResourceSet resources) {
        this.resources = resources;
    }

    /** Collects the .kboot files behind {@code inputs}, sorted within each folder. */
    static List<Path> collect(List<Path> inputs) throws UsageException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new UsageException("no such file or directory: " + input);
            }
            if (Files.isDirectory(input)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(input)) {
                    found = walk.filter(p -> p.toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new UsageException("cannot read folder " + input + ": " + e.getMessage());
                }
                if (found.isEmpty()) {
                    throw new UsageException(input + " contains no " + EXTENSION + " files");
                }
                files.addAll(found);
            } else if (!input.toString().endsWith(EXTENSION)) {
                throw new UsageException(input + " is not a " + EXTENSION + " file");
            } else if (!Files.isReadable(input)) {
                throw new UsageException("cannot read " + input + ": permission denied");
            } else {
                files.add(input);
            }
        }
        return files;
    }

    /**
     * Loads every spec behind {@code inputs}; validation reads the images they name under {@code hostRoot} when
     * given (a host's root file system), as the loader's plan does.
     */
    static SpecWorkspace open(Injector injector, List<Path> inputs, Optional<Path> hostRoot) throws UsageException {
        SpecWorkspace workspace = new SpecWorkspace(injector.getInstance(XtextResourceSet.class));
        hostRoot.ifPresent(root -> HostRoot.attach(workspace.resources, root));
        List<Path> named = collect(inputs);
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            workspace.roots.add(Files.isDirectory(absolute) ? absolute : absolute.getParent());
        }
        for (Path file : named) {
            workspace.displayNames.put(workspace.load(file), file.toString());
        }
        for (Path folder : named.stream().map(f -> f.toAbsolutePath().getParent()).distinct().toList()) {
            try (Stream<Path> siblings = Files.list(folder)) {
                for (Path sibling : siblings.filter(p -> p.toString().endsWith(EXTENSION) && Files.isRegularFile(p)).toList()) {
                    workspace.load(sibling);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new UsageException("cannot read folder " + folder + ": " + e.getMessage());
            }
        }
        return workspace;
    }

    /** The resource of a spec file, loaded once. */
    private Resource load(Path file) throws UsageException {
        URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
        Resource existing = resources.getResource(uri, false);
        if (existing != null) {
            return existing;
        }
        Resource resource = resources.createResource(uri);
        try {
            resource.load(null);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        return resource;
    }

    /** All diagnostics of all files (syntax, linking, validation), by file, line and column. */
    List<Diagnostic> validate() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Map.Entry<Resource, String> entry : displayNames.entrySet()) {
            XtextResource resource = (XtextResource) entry.getKey();
            IResourceValidator validator = resource.getResourceServiceProvider().getResourceValidator();
            for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
                diagnostics.add(new Diagnostic(entry.getValue(), value(issue.getLineNumber()), value(issue.getColumn()),
                        issue.getSeverity(), issue.getMessage(), issue.getCode()));
            }
        }
        diagnostics.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
                .thenComparingInt(Diagnostic::column));
        return diagnostics;
    }

    /** The folder of the file that declares {@code object}: where its relative paths start. */
    Path folderOf(EObject object) {
        return Path.of(object.eResource().getURI().toFileString()).getParent();
    }

    /**
     * The path of the file that declares {@code object}, relative to the folder given that holds it (or to the folder
     * of the file given): the same wherever the specs are checked out, as review outputs must be.
     */
    String relativeName(EObject object) {
        Path file = Path.of(object.eResource().getURI().toFileString());
        return roots.stream().filter(file::startsWith).max(Comparator.comparingInt(Path::getNameCount))
                .map(root -> root.relativize(file).toString()).orElse(file.getFileName().toString());
    }

    /** The diagnostics of {@link #validate()} inside {@code object}'s text, named by {@link #relativeName}. */
    List<Diagnostic> diagnosticsIn(EObject object, List<Diagnostic> diagnostics) {
        String displayName = displayNames.get(object.eResource());
        ICompositeNode node = NodeModelUtils.getNode(object);
        if (displayName == null || node == null) {
            return List.of();
        }
        return diagnostics.stream()
                .filter(d -> d.file().equals(displayName) && d.line() >= node.getStartLine() && d.line() <= node.getEndLine())
                .map(d -> new Diagnostic(relativeName(object), d.line(), d.column(), d.severity(), d.message(), d.code()))
                .toList();
    }

    /** Every boot in every file, in file order. */
    List<Boot> boots() {
        List<Boot> boots = new ArrayList<>();
        for (Resource resource : displayNames.keySet()) {
            resource.getAllContents().forEachRemaining(object -> {
                if (object instanceof Boot boot) {
                    boots.add(boot);
                }
            });
        }
        return boots;
    }

    private static int value(Integer number) {
        return number == null ? 1 : number;
    }
}
