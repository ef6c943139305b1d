package org.kexec.dsl.ide;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import org.eclipse.xtext.ide.server.ServerLauncher;

/**
 * Starts Xtext's own {@link ServerLauncher} with kboot's failure reporting: LSP4J's java.util.logging records and any
 * uncaught throwable become one line on standard error, never a stack trace (Xtext's log4j records already are, by
 * the language's {@code log4j.properties}). Standard output stays the protocol's.
 */
public final class KBootServerLauncher {

    private KBootServerLauncher() {
    }

    public static void main(String[] args) throws IOException {
        try (InputStream logging = KBootServerLauncher.class.getResourceAsStream("logging.properties")) {
            LogManager.getLogManager().readConfiguration(logging);
        }
        Thread.setDefaultUncaughtExceptionHandler((thread, fault) ->
                System.err.println("kboot-ls: internal error in " + thread.getName() + ": " + fault));
        ServerLauncher.main(args);
    }
}
