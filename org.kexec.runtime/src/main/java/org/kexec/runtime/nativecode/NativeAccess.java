package org.kexec.runtime.nativecode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jnr.ffi.LibraryLoader;

/**
 * Makes native access (jnr-ffi, through jffi's small native stub) work where hosts run loaders: with {@code /tmp}
 * mounted noexec or read-only, or missing early in boot, with no {@code HOME}, under a minimal environment. jffi
 * looks for its stub on {@code jffi.boot.library.path}, then on {@code java.library.path} (where Debian's
 * {@code libjffi-jni} puts it), and only then extracts it into {@code java.io.tmpdir}. Before jffi starts, kboot
 * points it at a stub it has loaded itself: the one {@code kbootc compile} writes beside {@code kboot-runtime.jar},
 * or, failing that, a copy in the root-only folder {@code /run/kboot/native}. When none can be had, one refusal says
 * why and what to do.
 */
public final class NativeAccess {

    /** The stub's file name, as jffi looks it up on its boot path. */
    public static final String STUB = System.mapLibraryName("jffi-1.2");
    /** Where the stub is inside jffi's native jar (and so inside kboot's runtime jar). */
    public static final String STUB_RESOURCE = "jni/x86_64-Linux/" + STUB;
    private static final String BOOT_PATH = "jffi.boot.library.path";
    private static final String ASM = "jnr.ffi.asm.enabled";
    private static final Path PRIVATE_FOLDER = Path.of("/run/kboot/native");
    /**
     * The C library's soname. Libraries are bound by soname, which the dynamic linker resolves at once: given a short
     * name ({@code "c"}), jnr-ffi lists every library folder for versioned files, 0.5 s of a load under emulation.
     */
    public static final String LIBC = "libc.so.6";

    /** The one call that proves native access works. */
    public interface Process {
        int getpid();
    }

    private static boolean available;
    private static String unavailable;

    private NativeAccess() {
    }

    /**
     * Ensures jnr-ffi can call native code; call before a caller's first native call.
     *
     * @param refusal makes the caller's exception from one line saying where the stub was looked for, why it failed,
     *                and the fix
     */
    public static synchronized <E extends Exception> void require(Function<String, E> refusal) throws E {
        if (available) {
            return;
        }
        if (unavailable != null) {
            throw refusal.apply(unavailable);
        }
        List<String> tried = new ArrayList<>();
        // A loader binds a handful of functions once: jnr-ffi's reflection binding starts a third faster than the
        // bytecode it generates with ASM (55 against 80 ms on a host), and the calls are few.
        if (System.getProperty(ASM) == null) {
            System.setProperty(ASM, "false");
        }
        if (System.getProperty(BOOT_PATH) == null) {
            Optional<Path> folder = loadStub(tried);
            if (folder.isPresent()) {
                // jffi finds the very stub loaded here, which came with it: nothing left to prove.
                System.setProperty(BOOT_PATH, folder.get().toString());
                available = true;
                return;
            }
        }
        try {
            // jnr-ffi hides a stub that did not load until the first library is bound: bind one and call it.
            LibraryLoader.create(Process.class).failImmediately().load(LIBC).getpid();
            available = true;
        } catch (LinkageError | RuntimeException e) {
            tried.add("java.library.path");
            tried.add("java.io.tmpdir " + System.getProperty("java.io.tmpdir"));
            unavailable = "native access is not available: jnr-ffi could not load its stub " + STUB
                    + " from " + String.join(", ", tried) + ": " + rootCause(e) + ". Put the " + STUB + " that kbootc"
                    + " compile writes beside kboot-runtime.jar, or install Debian's libjffi-jni.";
            throw refusal.apply(unavailable);
        }
    }

    /**
     * Binds native code ahead of need and ignores any failure: the run that records a loader's class-data archive calls
     * it so that the archive holds the classes native access loads. A load that needs native access says itself why it
     * cannot be had.
     */
    public static void prepare() {
        try {
            require(IllegalStateException::new);
        } catch (RuntimeException | LinkageError e) {
            // Nothing to record: the load that needs native access refuses with the reason.
        }
    }

    /**
     * Binds the host's library of this soname (such as {@code libzstd.so.1}) to {@code binding}.
     *
     * @param refusal makes the caller's exception when native access or the library cannot be had
     */
    public static <T, E extends Exception> T load(Class<T> binding, String soname, Function<String, E> refusal) throws E {
        require(refusal);
        try {
            return LibraryLoader.create(binding).failImmediately().load(soname);
        } catch (LinkageError | RuntimeException e) {
            throw refusal.apply(soname + " cannot be loaded: " + rootCause(e));
        }
    }

    /** Loads the stub from the first folder where it loads, and returns that folder. */
    private static Optional<Path> loadStub(List<String> tried) {
        List<Path> folders = new ArrayList<>();
        runtimeJarFolder().ifPresent(folders::add);
        folders.add(PRIVATE_FOLDER);
        for (Path folder : folders) {
            Path stub = folder.resolve(STUB);
            try {
                if (folder.equals(PRIVATE_FOLDER)) {
                    extractInto(folder);
                }
                if (Files.isRegularFile(stub)) {
                    System.load(stub.toString());
                    return Optional.of(folder);
                }
                tried.add(folder + " (no " + STUB + ")");
            } catch (IOException | LinkageError | SecurityException e) {
                tried.add(folder + " (" + rootCause(e) + ")");
            }
        }
        return Optional.empty();
    }

    /** The folder of the jar this class came from; empty when it came from a folder of classes. */
    private static Optional<Path> runtimeJarFolder() {
        try {
            Path location = Path.of(NativeAccess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.ofNullable(location.getParent()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Copies the stub out of the runtime's resources into a folder only root can write. */
    private static void extractInto(Path folder) throws IOException {
        try (InputStream stub = NativeAccess.class.getClassLoader().getResourceAsStream(STUB_RESOURCE)) {
            if (stub == null) {
                return;
            }
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path partial = Files.createTempFile(folder, STUB, ".part");
            Files.copy(stub, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, folder.resolve(STUB), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The first line of the innermost cause's message: jffi's messages carry whole stack traces. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.toString();
        return message.lines().findFirst().orElse(message).strip();
    }
}
