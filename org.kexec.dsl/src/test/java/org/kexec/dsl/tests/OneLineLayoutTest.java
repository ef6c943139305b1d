package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.util.Properties;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.kexec.dsl.logging.OneLineLayout;

/** What Xtext logs reaches kboot's users as one line on standard error, the exception named but never its stack. */
class OneLineLayoutTest {

    @Test
    void anErrorWithAnExceptionIsOneLine() {
        OneLineLayout layout = new OneLineLayout();
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), Logger.getLogger("org.eclipse.xtext.validation"),
                Level.ERROR, "Error executing EValidator", new IllegalStateException("broken"));
        assertEquals("kboot: ERROR: Error executing EValidator: java.lang.IllegalStateException: broken"
                + System.lineSeparator(), layout.format(event));
        assertFalse(layout.ignoresThrowable(), "the appender must not print the stack trace after the line");
    }

    @Test
    void theLanguagesLogConfigurationUsesItOnStandardError() throws Exception {
        Properties configuration = new Properties();
        try (InputStream in = OneLineLayout.class.getClassLoader().getResourceAsStream("log4j.properties")) {
            configuration.load(in);
        }
        assertEquals(OneLineLayout.class.getName(), configuration.getProperty("log4j.appender.default.layout"));
        assertEquals("System.err", configuration.getProperty("log4j.appender.default.target"));
        assertEquals("WARN, default", configuration.getProperty("log4j.rootLogger"));
    }
}
