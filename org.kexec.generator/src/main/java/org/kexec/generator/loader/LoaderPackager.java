package org.kexec.generator.loader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.kexec.generator.GeneratedFile;
import org.kexec.runtime.nativecode.NativeAccess;
import org.kexec.runtime.spec.BootSpec;

/**
 * Compiles each boot's generated loader source with the JDK's compiler against the runtime jar and packs it: per
 * boot, {@code loader.jar} (the loader class, with a manifest naming its main class and the runtime beside it),
 * {@code kboot-runtime.jar} (the runtime with jnr-ffi, gson and the decompressors; no Xtext, EMF or Guice) with
 * jnr-ffi's native stub beside it, {@code kboot-bouncycastle.jar} (BouncyCastle) for the boots that verify a signature
 * only, and the {@code loader} script that runs them ({@link LoaderLauncher}). BouncyCastle stays off the class path of
 * the other boots: Java opens every jar on it when jnr-ffi first logs (the JDK looks for a logging service), and its
 * directory of 7,800 entries took 0.15 s of every load under emulation. Copy the folder to a host with a Java 17
 * runtime and run {@code ./loader status}.
 */
public final class LoaderPackager {

    public static final String RUNTIME_JAR = "kboot-runtime.jar";
    public static final String BOUNCYCASTLE_JAR = "kboot-bouncycastle.jar";
    public static final String LOADER_JAR = "loader.jar";
    /** Where kbootc carries the runtime's jars: the runtime module's {@code loader} and {@code bouncycastle} artifacts. */
    private static final String RESOURCES = "/org/kexec/generator/loader/";
    /** A fixed time for jar entries, so equal boots give equal jars. */
    private static final long ENTRY_TIME = 315532800000L;

    /** A loader that javac refused: a bug in kboot, reported with javac's words. */
    public static final class PackagingException extends Exception {
        private static final long serialVersionUID = 1L;

        PackagingException(String message) {
            super(message);
        }
    }

    private LoaderPackager() {
    }

    /** The files of every boot's loader (jars, native stub, script), under {@code <boot>/}. */
    public static List<GeneratedFile> pack(List<BootSpec> boots) throws PackagingException {
        if (boots.isEmpty()) {
            return List.of();
        }
        byte[] runtime = resource(RUNTIME_JAR);
        byte[] bouncycastle = resource(BOUNCYCASTLE_JAR);
        byte[] stub = nativeStub(runtime);
        Path work = null;
        try {
            work = Files.createTempDirectory("kbootc-loaders");
            Path classes = compile(work, boots, Files.write(work.resolve(RUNTIME_JAR), runtime),
                    Files.write(work.resolve(BOUNCYCASTLE_JAR), bouncycastle));
            List<GeneratedFile> files = new ArrayList<>();
            for (BootSpec boot : boots) {
                String classFile = LoaderSource.className(boot).replace('.', '/') + ".class";
                List<String> classPath = classPath(boot);
                files.add(new GeneratedFile(boot.name() + "/" + LOADER_JAR, jar(LoaderSource.className(boot), classPath,
                        classFile, Files.readAllBytes(classes.resolve(classFile)))));
                files.add(new GeneratedFile(boot.name() + "/" + RUNTIME_JAR, runtime));
                if (classPath.contains(BOUNCYCASTLE_JAR)) {
                    files.add(new GeneratedFile(boot.name() + "/" + BOUNCYCASTLE_JAR, bouncycastle));
                }
                files.add(new GeneratedFile(boot.name() + "/" + NativeAccess.STUB, stub));
                files.add(new GeneratedFile(boot.name() + "/" + LoaderLauncher.FILE,
                        LoaderLauncher.render(boot).getBytes(StandardCharsets.UTF_8), true));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(work);
        }
    }

    private static byte[] resource(String jar) {
        try (InputStream in = LoaderPackager.class.getResourceAsStream(RESOURCES + jar)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + jar + " is missing from kbootc: build it with mvn package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * jnr-ffi's native stub, taken out of the runtime jar so it lies beside it on hosts: the loader loads it from
     * there, and never needs a writable, executable temporary folder.
     */
    private static byte[] nativeStub(byte[] runtime) {
        try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(runtime))) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                if (entry.getName().equals(NativeAccess.STUB_RESOURCE)) {
                    return jar.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(NativeAccess.STUB_RESOURCE + " is missing from " + RUNTIME_JAR + ": build it with mvn package");
    }

    /** Compiles every boot's loader in one javac run (one warm-up for all); returns the classes folder. */
    private static Path compile(Path work, List<BootSpec> boots, Path runtime, Path bouncycastle)
            throws IOException, PackagingException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new PackagingException("kbootc runs on a Java runtime without a compiler: run it on a JDK to build loaders");
        }
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-implicit:none",
                "-cp", runtime + File.pathSeparator + bouncycastle, "-d", Files.createDirectories(work.resolve("classes")).toString()));
        for (BootSpec boot : boots) {
            Path source = work.resolve("src").resolve(LoaderSource.className(boot).replace('.', '/') + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, LoaderSource.render(boot), StandardCharsets.UTF_8);
            arguments.add(source.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        if (javac.run(null, messages, messages, arguments.toArray(String[]::new)) != 0) {
            throw new PackagingException("javac refused a generated loader:\n" + messages.toString(StandardCharsets.UTF_8));
        }
        return work.resolve("classes");
    }

    /** The jars a boot's loader runs beside: BouncyCastle only for a boot that verifies a signature. */
    public static List<String> classPath(BootSpec boot) {
        return boot.verifiesSignatures() ? List.of(RUNTIME_JAR, BOUNCYCASTLE_JAR) : List.of(RUNTIME_JAR);
    }

    private static byte[] jar(String mainClass, List<String> classPath, String classFile, byte[] loaderClass) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(ENTRY_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            JarEntry classEntry = new JarEntry(classFile);
            classEntry.setTime(ENTRY_TIME);
            jar.putNextEntry(classEntry);
            jar.write(loaderClass);
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
