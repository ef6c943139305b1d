package org.kexec.dsl.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/** The language server's java.util.logging records (LSP4J's) are one line each, without a stack trace. */
class ServerLoggingTest {

    @Test
    void aRecordWithAnExceptionIsOneLine() throws Exception {
        try (InputStream logging = KBootServerLauncher.class.getResourceAsStream("logging.properties")) {
            LogManager.getLogManager().readConfiguration(logging);
        }
        LogRecord record = new LogRecord(Level.SEVERE, "Internal error: broken");
        record.setThrown(new IllegalStateException("broken"));
        assertEquals("kboot-ls: SEVERE: Internal error: broken" + System.lineSeparator(), new SimpleFormatter().format(record));
        LogManager.getLogManager().reset();
    }
}
