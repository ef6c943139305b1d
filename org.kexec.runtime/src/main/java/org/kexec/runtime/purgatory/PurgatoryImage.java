package org.kexec.runtime.purgatory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A fully linked, position-independent purgatory: one segment the loader copies anywhere page-aligned.
 *
 * @param blob           the segment's bytes (code, data, the table)
 * @param memsz          bytes it occupies once loaded (the blob, its bss and stack), page aligned
 * @param entryOffset    where execution starts, from the segment's start
 * @param stackTopOffset top of its stack, from the segment's start
 */
public record PurgatoryImage(byte[] blob, long memsz, long entryOffset, long stackTopOffset) {

    /** The purgatory the build compiled into this jar (src/main/c/purgatory, built by its build.sh). */
    public static PurgatoryImage bundled() {
        try (InputStream blob = resource("purgatory.bin"); InputStream layout = resource("purgatory.properties")) {
            Properties properties = new Properties();
            properties.load(layout);
            return new PurgatoryImage(blob.readAllBytes(), number(properties, "memsz"), number(properties, "entry"),
                    number(properties, "stack_top"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = PurgatoryImage.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the runtime jar: build it with mvn package");
        }
        return in;
    }

    private static long number(Properties properties, String key) {
        return Long.decode(properties.getProperty(key).replaceFirst("^0x0*(?=.)", "0x"));
    }

    public PurgatoryImage {
        if (memsz < blob.length || entryOffset >= blob.length || stackTopOffset > memsz) {
            throw new IllegalArgumentException("inconsistent purgatory: " + blob.length + " bytes, memsz " + memsz
                    + ", entry " + entryOffset + ", stack top " + stackTopOffset);
        }
    }
}
