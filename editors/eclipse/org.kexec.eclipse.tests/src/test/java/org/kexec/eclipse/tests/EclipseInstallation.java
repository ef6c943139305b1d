package org.kexec.eclipse.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * An Eclipse installation assembled from Maven Central jars, as Eclipse lays one out: {@code plugins/<symbolic
 * name>_<version>.jar}, a {@code configuration/config.ini} that installs every bundle and starts the IDE
 * workbench, and {@code dropins/} where users unzip kboot. The few jars on Central that are not bundles (Batik's
 * CSS parser and the SAC interfaces the CSS engine needs) are wrapped into one bundle named as Eclipse names it.
 */
final class EclipseInstallation {

    /** Jars on Central that Eclipse's CSS engine needs as the bundle {@code org.apache.batik.css}. */
    private static final Set<String> WRAPPED = Set.of("batik-constants", "batik-css", "batik-i18n", "batik-shared-resources",
            "batik-util", "xmlgraphics-commons", "xml-apis-ext", "commons-logging");
    /** Bundles started early, as Eclipse's own config.ini starts them. */
    private static final List<String> STARTED = List.of("org.eclipse.equinox.common@2:start", "org.eclipse.core.runtime@start",
            "org.apache.felix.scr@2:start", "org.eclipse.equinox.event@2:start");

    final Path home;

    private EclipseInstallation(Path home) {
        this.home = home;
    }

    /**
     * Lays out the workbench jars and the unpacked kboot dropins folder, plus extra bundles (the scenario), under
     * {@code home}.
     */
    static EclipseInstallation assemble(Path home, Path workbenchJars, Path dropins, List<Path> extraBundles) throws IOException {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        List<Path> wrapped = new ArrayList<>();
        try (Stream<Path> jars = Files.list(workbenchJars)) {
            for (Path jar : jars.sorted().toList()) {
                String artifact = jar.getFileName().toString().replaceAll("-[0-9][^-]*\\.jar$", "");
                String name = symbolicName(jar);
                if (WRAPPED.contains(artifact)) {
                    wrapped.add(jar);
                } else if (name != null) {
                    Files.copy(jar, plugins.resolve(name + "_" + version(jar) + ".jar"));
                }
            }
        }
        wrap(wrapped, plugins.resolve("org.apache.batik.css_1.17.0.jar"));
        for (Path bundle : extraBundles) {
            Files.copy(bundle, plugins.resolve(symbolicName(bundle) + "_" + version(bundle) + ".jar"));
        }
        copyTree(dropins, home.resolve("dropins"));

        List<String> entries = new ArrayList<>();
        try (Stream<Path> installed = Stream.concat(Files.list(plugins), Files.list(home.resolve("dropins/kboot/plugins")))) {
            for (Path bundle : installed.sorted().toList()) {
                String name = symbolicName(bundle);
                if (name.equals("org.eclipse.osgi") || name.equals("org.eclipse.equinox.launcher")) {
                    continue;
                }
                String start = STARTED.stream().filter(s -> s.startsWith(name + "@")).map(s -> s.substring(name.length())).findFirst().orElse("");
                entries.add("reference\\:file\\:" + bundle.toAbsolutePath() + start);
            }
        }
        Path configuration = Files.createDirectories(home.resolve("configuration"));
        Files.writeString(configuration.resolve("config.ini"), String.join("\n",
                "osgi.bundles=" + String.join(",\\\n  ", entries),
                "osgi.bundles.defaultStartLevel=4",
                "eclipse.application=org.eclipse.ui.ide.workbench",
                "eclipse.ignoreApp=false",
                "osgi.noShutdown=false", ""));
        return new EclipseInstallation(home);
    }

    /** The launcher jar Eclipse's native launcher runs. */
    Path launcher() throws IOException {
        try (Stream<Path> plugins = Files.list(home.resolve("plugins"))) {
            return plugins.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst().orElseThrow();
        }
    }

    static String symbolicName(Path jar) throws IOException {
        String name = attribute(jar, "Bundle-SymbolicName");
        return name == null ? null : name.split(";")[0].trim();
    }

    private static String version(Path jar) throws IOException {
        return attribute(jar, "Bundle-Version");
    }

    private static String attribute(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(name);
        }
    }

    /** One bundle of several plain jars: their classes and resources, every package exported. */
    private static void wrap(List<Path> jars, Path bundle) throws IOException {
        Set<String> packages = new TreeSet<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class") && name.contains("/"))
                        .forEach(name -> packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.')));
            }
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.apache.batik.css");
        main.putValue("Bundle-Version", "1.17.0");
        main.putValue("Export-Package", String.join(",", packages.stream()
                .map(p -> p + ";version=\"" + (p.startsWith("org.w3c.css.sac") ? "1.3.0" : "1.17.0") + "\"").toList()));
        main.putValue("DynamicImport-Package", "*");
        Set<String> written = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(bundle); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar); JarInputStream entries = new JarInputStream(in)) {
                    for (JarEntry entry = entries.getNextJarEntry(); entry != null; entry = entries.getNextJarEntry()) {
                        String name = entry.getName();
                        if (!entry.isDirectory() && !name.startsWith("META-INF/") && written.add(name)) {
                            out.putNextEntry(new JarEntry(name));
                            entries.transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
