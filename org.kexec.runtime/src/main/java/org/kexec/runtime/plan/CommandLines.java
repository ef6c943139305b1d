package org.kexec.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.spec.CmdlineSpec;
import org.kexec.runtime.spec.ImageSpec;

/**
 * Composes the command line a boot passes: the running kernel's (if reused, less what it drops), parts, additions;
 * or, for a Unified Kernel Image booted by a boot that writes none, the UKI's {@code .cmdline}.
 */
public final class CommandLines {

    /** Which command line a UKI boots with, in words, and whether a signed one is replaced (check warns then). */
    public record EmbeddedChoice(String words, boolean signedReplaced) {
    }

    private CommandLines() {
    }

    /**
     * @param running  the running kernel's command line ({@code /proc/cmdline}); used only when the spec reuses it
     * @param embedded a UKI's {@code .cmdline}; used only when the spec writes no command line
     */
    public static String compose(CmdlineSpec spec, String running, Optional<String> embedded) {
        if (embedded.isPresent() && !writesOwn(spec)) {
            return embedded.get();
        }
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

    /** Whether the boot writes a command line of its own: parts, additions, or the running one reused. */
    public static boolean writesOwn(CmdlineSpec spec) {
        return spec.reuseRunning() || !spec.literal().isEmpty();
    }

    /** What a boot of a UKI does with the UKI's {@code .cmdline}; empty when the kernel carries none. */
    public static Optional<EmbeddedChoice> embeddedChoice(ImageSpec kernel, CmdlineSpec spec, Optional<String> embedded) {
        if (embedded.isEmpty()) {
            return Optional.empty();
        }
        String uki = "kernel " + kernel.name() + " is a Unified Kernel Image: ";
        if (!writesOwn(spec)) {
            return Optional.of(new EmbeddedChoice(uki + "it boots with its .cmdline \"" + embedded.get()
                    + "\", as the boot writes no command line", false));
        }
        boolean signed = kernel.signatureRequired();
        return Optional.of(new EmbeddedChoice(uki + "the boot's command line replaces its .cmdline \"" + embedded.get() + "\""
                + (signed ? ", which the UKI's signature covers: the command line that boots is not the signed one; drop the"
                + " boot's cmdline to boot the signed one" : ""), signed));
    }

    /** A parameter's name: what precedes its '=' ({@code crashkernel} of {@code crashkernel=256M}). */
    private static String name(String word) {
        int equals = word.indexOf('=');
        return equals < 0 ? word : word.substring(0, equals);
    }
}
