package org.kexec.dsl.ide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shaded language-server jar the package phase built, for integration tests that start it as editors do. */
final class LanguageServerJar {

    private LanguageServerJar() {
    }

    static Path path() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("org\\.kexec\\.dsl\\.ide-.*-ls\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no language-server jar in target/: run mvn verify"))
                    .toAbsolutePath();
        }
    }

    /** The server command line: java with the build's class-data archive, as kboot-ls starts it. */
    static String command() throws IOException {
        Path archive = Path.of("target/kboot-ls.jsa").toAbsolutePath();
        return System.getProperty("java.home") + "/bin/java -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
                + (Files.exists(archive) ? " -XX:SharedArchiveFile=" + archive : "") + " -jar " + path();
    }
}
