package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.spec.CmdlineSpec;

/** Composes the command line a boot passes: the running kernel's (if reused, less what it drops), parts, additions. */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * @param running the running kernel's command line ({@code /proc/cmdline}); used only when the spec reuses it
     */
    public static String compose(CmdlineSpec spec, String running) {
        List<String> words = new ArrayList<>();
        if (spec.reuseRunning()) {
            for (String word : running.strip().split("\\s+")) {
                if (!word.isEmpty() && !spec.dropped().contains(name(word))) {
                    words.add(word);
                }
            }
        }
        String literal = spec.literal();
        if (!literal.isEmpty()) {
            words.add(literal);
        }
        return String.join(" ", words);
    }

    /**
     * Refuses what the kernel would cut or misread: a character outside printable ASCII (the kernel stops at NUL and
     * splits on spaces; boot_params holds bytes), or a line longer than {@code limit}.
     *
     * @param limitSource where the limit comes from, for the message
     * @param segments    the segments placed so far, for the report
     */
    public static void check(String cmdline, long limit, String limitSource, List<Segment> segments) throws PlanException {
        for (int i = 0; i < cmdline.length(); i++) {
            char c = cmdline.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                throw new PlanException(new Violation(null, -1, String.format("the command line has U+%04X at position %d:"
                        + " the kernel stops at NUL and splits parameters on spaces; use printable ASCII only", (int) c, i + 1)),
                        segments);
            }
        }
        if (cmdline.length() > limit) {
            throw new PlanException(new Violation(null, -1, "the command line is " + cmdline.length() + " bytes, but the"
                    + " kernel takes at most " + limit + " (" + limitSource + "): drop parameters"), segments);
        }
    }

    /** A parameter's name: what precedes its '=' ({@code crashkernel} of {@code crashkernel=256M}). */
    private static String name(String word) {
        int equals = word.indexOf('=');
        return equals < 0 ? word : word.substring(0, equals);
    }
}
