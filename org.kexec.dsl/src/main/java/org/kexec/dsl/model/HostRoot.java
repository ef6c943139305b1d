package org.kexec.dsl.model;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;

/**
 * Where the root file system of the host that specs are checked for is ({@code kbootc check --root}): kept on the
 * resource set the specs are loaded into, so every spec of that workspace, and only those, reads its images and
 * certificates there. Specs in a resource set without one (an editor's) read them where they are.
 */
public final class HostRoot extends AdapterImpl {

    private final Path root;

    private HostRoot(Path root) {
        this.root = root;
    }

    /** Makes absolute image and certificate paths of the specs in {@code resources} lead under {@code root}. */
    public static void attach(ResourceSet resources, Path root) {
        resources.eAdapters().add(new HostRoot(root.toAbsolutePath().normalize()));
    }

    /** The host root of the workspace {@code context} was loaded into, if it has one. */
    public static Optional<Path> of(EObject context) {
        Resource resource = context.eResource();
        ResourceSet resources = resource == null ? null : resource.getResourceSet();
        if (resources == null) {
            return Optional.empty();
        }
        return resources.eAdapters().stream().filter(HostRoot.class::isInstance).map(a -> ((HostRoot) a).root).findFirst();
    }
}
