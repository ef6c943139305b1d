package org.kexec.dsl.model;

import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.kexec.dsl.kboot.Image;
import org.kexec.runtime.host.HostFiles;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.ImageFormatException;
import org.kexec.runtime.image.SetupHeader;
import org.kexec.runtime.plan.SegmentSizes;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.HashAlgorithm;
import org.kexec.runtime.verify.DigestFeed;

/**
 * The files a spec names, as seen at compile time: where a path leads (relative paths start at the spec's own
 * folder; absolute image and certificate paths under a {@link HostRoot} when the workspace has one, as the loader's
 * {@code --root} takes them), whether the file is there, and what is in it. Contents are read once per file
 * version and cached, since several boots usually share one kernel.
 */
@Singleton
public class ImageFiles {

    /** What a path in a spec leads to. */
    public sealed interface Lookup {
        /** The spec is not a file (e.g. an editor buffer without a folder), so a relative path leads nowhere. */
        record Unresolvable(String path) implements Lookup {
        }

        record Missing(Path path) implements Lookup {
        }

        /** There is something, but not a readable regular file; {@code reason} says what. */
        record Unusable(Path path, String reason) implements Lookup {
        }

        record Present(Path path, long size) implements Lookup {
        }

        /** A {@code kboot:} image that ships inside kboot. */
        record BuiltIn(String path, byte[] bytes) implements Lookup {
        }
    }

    /** One version of a file: its bytes, and their digests once a pin asked for them. */
    private record Version(long size, long modified, byte[] bytes, Map<HashAlgorithm, byte[]> digests) {
        Version(long size, long modified, byte[] bytes) {
            this(size, modified, bytes, new ConcurrentHashMap<>());
        }
    }

    /** The last version read of each file: bounded by the files a workspace names. */
    private final Map<Path, Version> contents = new ConcurrentHashMap<>();

    /**
     * Looks up an image or a certificate: {@code path} as written in the spec that contains {@code context}, an
     * absolute one under its workspace's {@link HostRoot} when it has one.
     */
    public Lookup lookup(EObject context, String path) {
        return lookup(context, path, HostRoot.of(context));
    }

    /** Looks up a file only kbootc reads, such as a recorded memory map: an absolute path as it is here. */
    public Lookup lookupHere(EObject context, String path) {
        return lookup(context, path, Optional.empty());
    }

    private Lookup lookup(EObject context, String path, Optional<Path> root) {
        if (BuiltInImages.isBuiltIn(path)) {
            Optional<byte[]> bytes = BuiltInImages.read(path);
            return bytes.isPresent() ? new Lookup.BuiltIn(path, bytes.get())
                    : new Lookup.Unusable(Path.of(path), "is not a built-in image: kboot has " + BuiltInImages.PATHS);
        }
        Optional<Path> resolved = resolve(context, path, root);
        if (resolved.isEmpty()) {
            return new Lookup.Unresolvable(path);
        }
        Path file = resolved.get();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                return new Lookup.Unusable(file, "is a directory");
            }
            if (!attributes.isRegularFile()) {
                return new Lookup.Unusable(file, "is not a regular file");
            }
            if (!Files.isReadable(file)) {
                return new Lookup.Unusable(file, "is not readable (permission denied)");
            }
            return new Lookup.Present(file, attributes.size());
        } catch (IOException e) {
            return Files.exists(file) ? new Lookup.Unusable(file, "cannot be read: " + e.getMessage()) : new Lookup.Missing(file);
        }
    }

    /** The absolute path {@code path} names from the spec containing {@code context}, if it can be known. */
    private static Optional<Path> resolve(EObject context, String path, Optional<Path> root) {
        try {
            Path written = Path.of(path);
            if (written.isAbsolute()) {
                return Optional.of(HostFiles.underRoot(root, written.normalize()));
            }
            URI uri = context.eResource() == null ? null : context.eResource().getURI();
            if (uri == null || !uri.isFile()) {
                return Optional.empty();
            }
            return Optional.of(Path.of(uri.toFileString()).toAbsolutePath().getParent().resolve(written).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The whole file, read once per version (size and modification time), within the loader's bounds.
     *
     * @throws ViolationException whose reason completes "FILE …"
     */
    public byte[] read(Path file) throws ViolationException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return HostFiles.readBounded(file);
        }
        long modified = attributes.lastModifiedTime().toMillis();
        Version cached = contents.get(file);
        if (cached == null || cached.size() != attributes.size() || cached.modified() != modified) {
            cached = new Version(attributes.size(), modified, HostFiles.readBounded(file));
            contents.put(file, cached);
        }
        return cached.bytes();
    }

    /**
     * The digest of a file's bytes as {@link #read} gave them ({@code bytes}), computed once per version: the boots that
     * load one pinned image check its pin with one pass over it. Bytes that are not a version's as read are hashed.
     */
    public byte[] digest(Path file, ByteBuffer bytes, HashAlgorithm algorithm) {
        Version version = contents.get(file);
        if (version == null || !bytes.hasArray() || bytes.array() != version.bytes() || bytes.arrayOffset() != 0
                || bytes.limit() != version.bytes().length) {
            return DigestFeed.digest(algorithm, bytes);
        }
        return version.digests().computeIfAbsent(algorithm, a -> DigestFeed.digest(a, bytes)).clone();
    }

    /** The setup header of a kernel file. */
    public SetupHeader header(Path kernel) throws ViolationException, ImageFormatException {
        return SetupHeader.parse(read(kernel));
    }

    /** Header facts of a kernel image whose file is present and parses; empty otherwise (other checks say why). */
    public Optional<KernelFacts> kernel(Image image) {
        if (image == null || image.eIsProxy() || image.getPath() == null) {
            return Optional.empty();
        }
        try {
            Lookup lookup = lookup(image, image.getPath());
            if (lookup instanceof Lookup.Present present) {
                return Optional.of(new KernelFacts(present.path(), present.size(), header(present.path())));
            }
            if (lookup instanceof Lookup.BuiltIn builtIn) {
                return Optional.of(new KernelFacts(Path.of(builtIn.path()), builtIn.bytes().length, SetupHeader.parse(builtIn.bytes())));
            }
        } catch (ViolationException | ImageFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Size of an image whose file is present; empty otherwise. */
    public Optional<Long> size(Image image) {
        if (image == null || image.eIsProxy() || image.getPath() == null) {
            return Optional.empty();
        }
        Lookup lookup = lookup(image, image.getPath());
        if (lookup instanceof Lookup.BuiltIn builtIn) {
            return Optional.of((long) builtIn.bytes().length);
        }
        return lookup instanceof Lookup.Present present ? Optional.of(present.size()) : Optional.empty();
    }

    /** Memory the kernel and initrds of a load take, counting only the files present. */
    public long loadedBytes(Optional<KernelFacts> kernel, List<Image> initrds) {
        long bytes = kernel.map(KernelFacts::memsz).orElse(0L);
        for (Image initrd : initrds) {
            bytes += size(initrd).map(SegmentSizes::initrd).orElse(0L);
        }
        return bytes;
    }

}
