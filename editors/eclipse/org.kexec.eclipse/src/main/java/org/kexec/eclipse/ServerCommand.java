package org.kexec.eclipse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;

/**
 * Which command starts kboot's language server: the command set under Preferences › kboot when there is one (run
 * by {@code /bin/sh}, so it may carry arguments and quotes); else the server that came with this bundle
 * ({@code server/kboot-ls.jar} in the dropins folder, run by the workbench's own Java); else {@code kboot-ls} on PATH.
 */
final class ServerCommand {

    static final String PREFERENCE = "serverCommand";

    private ServerCommand() {
    }

    static List<String> resolve(Bundle bundle, String preference) {
        if (!preference.isBlank()) {
            return List.of("/bin/sh", "-c", "exec " + preference);
        }
        return bundledServer(bundle)
                .map(jar -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-jar", jar.toString()))
                .orElse(List.of("kboot-ls"));
    }

    /** {@code kboot/server/kboot-ls.jar} beside {@code kboot/plugins/}, where this bundle's jar lies. */
    private static Optional<Path> bundledServer(Bundle bundle) {
        try {
            File bundleFile = FileLocator.getBundleFile(bundle);
            File plugins = bundleFile.getParentFile();
            if (plugins == null || plugins.getParentFile() == null) {
                return Optional.empty();
            }
            Path jar = plugins.getParentFile().toPath().resolve("server").resolve("kboot-ls.jar");
            return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
