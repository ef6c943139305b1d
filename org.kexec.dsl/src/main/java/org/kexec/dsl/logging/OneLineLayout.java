package org.kexec.dsl.logging;

import org.apache.log4j.PatternLayout;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Xtext's log lines as kboot's tools print every failure: one line, with the exception's class and message but never
 * its stack trace, on standard error ({@code log4j.properties} beside this class's package names it). kbootc and the
 * language server get it from the language's jar.
 */
public class OneLineLayout extends PatternLayout {

    public OneLineLayout() {
        super("kboot: %p: %m%n");
    }

    @Override
    public String format(LoggingEvent event) {
        String line = super.format(event);
        ThrowableInformation thrown = event.getThrowableInformation();
        if (thrown == null || thrown.getThrowable() == null) {
            return line;
        }
        return line.stripTrailing() + ": " + thrown.getThrowable() + System.lineSeparator();
    }

    /** The throwable is part of the one line: appenders must not print its stack trace after it. */
    @Override
    public boolean ignoresThrowable() {
        return false;
    }
}
