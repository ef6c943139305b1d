package org.kexec.generator.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.xtext.diagnostics.Severity;
import org.kexec.generator.Diagnostic;

/** Prints diagnostics as compiler lines or, for tools, as one JSON document; and counts them. */
final class DiagnosticReport {

    enum Format { TEXT, JSON }

    private DiagnosticReport() {
    }

    static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    static void print(List<Diagnostic> diagnostics, Format format, PrintWriter out) {
        if (format == Format.JSON) {
            out.print(json(diagnostics));
        } else {
            diagnostics.forEach(d -> out.println(d.toLine()));
        }
        out.flush();
    }

    /** A summary line such as {@code 2 errors, 1 warning in 3 files}. */
    static String summary(List<Diagnostic> diagnostics, int files) {
        long errors = count(diagnostics, Severity.ERROR);
        long warnings = count(diagnostics, Severity.WARNING);
        return plural(errors, "error") + ", " + plural(warnings, "warning") + " in " + plural(files, "file");
    }

    private static String json(List<Diagnostic> diagnostics) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.beginObject();
            json.name("errors").value(count(diagnostics, Severity.ERROR));
            json.name("warnings").value(count(diagnostics, Severity.WARNING));
            json.name("diagnostics").beginArray();
            for (Diagnostic diagnostic : diagnostics) {
                json.beginObject();
                json.name("file").value(diagnostic.file());
                json.name("line").value(diagnostic.line());
                json.name("column").value(diagnostic.column());
                json.name("severity").value(diagnostic.severityWord());
                json.name("message").value(diagnostic.message());
                json.name("code").value(diagnostic.code());
                json.endObject();
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
