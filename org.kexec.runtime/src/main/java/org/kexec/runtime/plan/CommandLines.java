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

    /** A parameter's name: what precedes its '=' ({@code crashkernel} of {@code crashkernel=256M}). */
    private static String name(String word) {
        int equals = word.indexOf('=');
        return equals < 0 ? word : word.substring(0, equals);
    }
}
