package org.kexec.runtime.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.IntFunction;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.NamedFile;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.ImageSpec;
import org.kexec.runtime.spec.TrustAnchorSpec;
import org.kexec.runtime.units.Sizes;
import org.kexec.runtime.verify.SignatureVerificationException;
import org.kexec.runtime.verify.TrustAnchors;

/**
 * Image files on a host: relative paths start at the spec's folder, absolute ones optionally under another root (a
 * host's file system seen from elsewhere). Only regular files of at most {@link #MAX_IMAGE_BYTES} are read, and
 * each in one bounded read, so a device, a FIFO or a huge file is one clear refusal, never a hang or an
 * out-of-memory error.
 *
 * @param base folder relative paths start from
 * @param root folder absolute paths are taken under, if any
 */
public record HostFiles(Path base, Optional<Path> root) implements ImageSource {

    /** The largest image kboot reads: kernels are tens of MiB, initrds rarely above a few hundred. */
    public static final long MAX_IMAGE_BYTES = 1L << 30;

    /** How much one read asks for: large enough for few system calls, small enough to stay in the CPU's caches. */
    private static final int READ_SLICE = 1 << 20;

    /** Files as this host sees them. */
    public static HostFiles of(Path base) {
        return new HostFiles(base, Optional.empty());
    }

    @Override
    public byte[] read(ImageSpec image) throws ViolationException {
        if (BuiltInImages.isBuiltIn(image.path())) {
            return BuiltInImages.read(image.path()).orElseThrow(() -> unusable(image.path() + " (image " + image.name()
                    + ") is not a built-in image: kboot has " + BuiltInImages.PATHS + "."));
        }
        return ofImage(image, HostFiles::readBounded);
    }

    @Override
    public ByteBuffer readInitrd(ImageSpec image) throws ViolationException {
        if (BuiltInImages.isBuiltIn(image.path())) {
            return ByteBuffer.wrap(read(image));
        }
        return ofImage(image, file -> readBounded(file, ByteBuffer::allocateDirect));
    }

    /**
     * Checks an image file as a read would, with the same refusals, without reading it: for a file the kernel reads
     * itself.
     */
    public NamedFile check(ImageSpec image) throws ViolationException {
        return ofImage(image, file -> new NamedFile(image.path(), file, bounded(file, (channel, size) -> size)));
    }

    @Override
    public Optional<X509Certificate> anchor(TrustAnchorSpec anchor) throws ViolationException {
        return Optional.of(readAnchor(anchor, resolve(anchor.certificate())));
    }

    /** A trust anchor's certificate from its file, refused in the words every kboot command uses. */
    public static X509Certificate readAnchor(TrustAnchorSpec anchor, Path file) throws ViolationException {
        try {
            return TrustAnchors.read(file);
        } catch (SignatureVerificationException e) {
            throw new ViolationException(Violation.of(Rule.TRUST_ANCHOR, null, e.getMessage() + " (" + anchor.name() + ")."));
        }
    }

    /** Where a path of the spec leads. */
    public Path resolve(String path) {
        Path written = Path.of(path);
        return written.isAbsolute() ? underRoot(root, written) : base.resolve(written);
    }

    /** Where an absolute path of a spec leads on a host whose root file system is at {@code root}, if given. */
    public static Path underRoot(Optional<Path> root, Path absolute) {
        return root.map(r -> r.resolve(absolute.getRoot().relativize(absolute))).orElse(absolute);
    }

    /**
     * Reads a regular file of at most {@link #MAX_IMAGE_BYTES}.
     *
     * @throws ViolationException (rule IMAGE_FILE) whose reason completes "FILE …": what is wrong and what to do
     */
    public static byte[] readBounded(Path file) throws ViolationException {
        return readBounded(file, ByteBuffer::allocate).array();
    }

    /** The same, into a buffer from {@code allocate} (on the heap, or native memory), filled from 0 to its limit. */
    private static ByteBuffer readBounded(Path file, IntFunction<ByteBuffer> allocate) throws ViolationException {
        return bounded(file, (channel, size) -> {
            // One buffer of the size the file has, filled in place a slice at a time: Java reads into the heap
            // through a native buffer as large as each read, so one read of a 121 MiB initrd would hold it twice.
            ByteBuffer into = allocate.apply(size);
            while (into.position() < size) {
                if (channel.read(into.limit(Math.min(size, into.position() + READ_SLICE))) < 0) {
                    throw unusable("changed size while it was read: read it again when it is complete.");
                }
            }
            if (channel.read(ByteBuffer.allocate(1)) != -1) {
                throw unusable("changed size while it was read: read it again when it is complete.");
            }
            return into.flip();
        });
    }

    /** What is done with an image file once it is open. */
    private interface OpenFile<T> {
        T with(FileChannel channel, int size) throws IOException, ViolationException;
    }

    /**
     * Opens a regular file of at most {@link #MAX_IMAGE_BYTES} for reading and hands it to {@code work}: reading an
     * image and checking one it does not read refuse the same files in the same words.
     */
    private static <T> T bounded(Path file, OpenFile<T> work) throws ViolationException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw unusable("is a directory, not an image file.");
            }
            if (!attributes.isRegularFile()) {
                throw unusable("is not a regular file (a device, FIFO or socket): name the image file itself.");
            }
            if (attributes.size() > MAX_IMAGE_BYTES) {
                throw unusable("is " + Sizes.human(attributes.size()) + " large; kboot reads images of at most "
                        + Sizes.human(MAX_IMAGE_BYTES) + ".");
            }
            try (FileChannel channel = FileChannel.open(file)) {
                return work.with(channel, (int) attributes.size());
            }
        } catch (NoSuchFileException e) {
            throw unusable("does not exist.");
        } catch (AccessDeniedException e) {
            throw unusable("cannot be read by this user (permission denied): run as root, or make the file readable.");
        } catch (IOException e) {
            throw unusable("cannot be read: " + e.getMessage());
        }
    }

    /** What is done with an image's file. */
    private interface ImageWork<T> {
        T on(Path file) throws ViolationException;
    }

    /** Does {@code work} on the file of {@code image}, a refusal naming the file and the image. */
    private <T> T ofImage(ImageSpec image, ImageWork<T> work) throws ViolationException {
        Path file = resolve(image.path());
        try {
            return work.on(file);
        } catch (ViolationException e) {
            throw unusable(file + " (image " + image.name() + ") " + e.violation().reason());
        }
    }

    private static ViolationException unusable(String reason) {
        return new ViolationException(Violation.of(Rule.IMAGE_FILE, null, reason));
    }
}
