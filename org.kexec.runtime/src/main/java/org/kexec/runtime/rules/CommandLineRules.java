package org.kexec.runtime.rules;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What command line a kernel takes, one rule for every kboot command. The kernel takes bytes, splits parameters on
 * spaces and stops at NUL; kboot's encoding is printable ASCII only, so that the characters counted are the bytes
 * the kernel gets.
 *
 * <p>Room: kexec-tools refuses a command line whose length with its NUL exceeds the header's {@code cmdline_size}
 * ({@code do_bzImage64_load}); no kernel keeps more than x86's {@code COMMAND_LINE_SIZE} of 2048 with the NUL; the
 * kernel's kexec_file_load refuses unless {@code MAX_ELFCOREHDR_STR_LEN} (30) more bytes fit ({@code
 * bzImage64_load}), and kboot's own crash loads append {@code " elfcorehdr=0x…"}, at most as long.
 */
public final class CommandLineRules {

    /** Bytes kept free for the {@code elfcorehdr=} kexec_file_load or kboot's crash loads add. */
    public static final int ELFCOREHDR_ROOM = 30;
    /** x86's COMMAND_LINE_SIZE, the NUL included. */
    public static final int X86_COMMAND_LINE_SIZE = 2048;

    private CommandLineRules() {
    }

    /**
     * The longest command line (without its NUL) a kernel takes.
     *
     * @param cmdlineSize         the kernel's header field, when the kernel is known
     * @param keepElfcorehdrRoom  kexec_file_load loads, and kboot's crash loads
     */
    public static long limit(OptionalLong cmdlineSize, boolean keepElfcorehdrRoom) {
        long whole = Math.min(cmdlineSize.orElse(X86_COMMAND_LINE_SIZE), X86_COMMAND_LINE_SIZE) - 1;
        return Math.max(0, whole - (keepElfcorehdrRoom ? ELFCOREHDR_ROOM : 0));
    }

    /**
     * Checks a command line, or a known part of one.
     *
     * @param kernel the kernel's name and cmdline_size, when known
     */
    public static Optional<Violation> check(String cmdline, Optional<String> kernel, OptionalLong cmdlineSize,
                                            boolean keepElfcorehdrRoom) {
        Optional<Violation> character = checkCharacters(cmdline);
        return character.isPresent() ? character : checkLength(cmdline, kernel, cmdlineSize, keepElfcorehdrRoom);
    }

    /** Checks only the length of a command line, or of a known part of one. */
    public static Optional<Violation> checkLength(String cmdline, Optional<String> kernel, OptionalLong cmdlineSize,
                                                  boolean keepElfcorehdrRoom) {
        long limit = limit(cmdlineSize, keepElfcorehdrRoom);
        if (cmdline.length() <= limit) {
            return Optional.empty();
        }
        String source = (cmdlineSize.isPresent() ? kernel.orElse("the kernel") + "'s cmdline_size "
                + cmdlineSize.getAsLong() : "x86's COMMAND_LINE_SIZE " + X86_COMMAND_LINE_SIZE) + " with its NUL"
                + (keepElfcorehdrRoom ? ", less the " + ELFCOREHDR_ROOM + " bytes kept for elfcorehdr=" : "");
        return Optional.of(Violation.of(Rule.CMDLINE_TOO_LONG, keepElfcorehdrRoom ? Errno.EINVAL : null,
                "the command line is " + cmdline.length() + " bytes, but the kernel takes at most " + limit + " ("
                        + source + "): drop " + (cmdline.length() - limit) + " bytes of parameters"));
    }

    /** A character the kernel would cut or misread, named with the parameter holding it. */
    public static Optional<Violation> checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return Optional.of(Violation.of(Rule.CMDLINE_CHARACTER, null, String.format("the command line has U+%04X"
                        + " in the parameter \"%s\": the kernel takes bytes, stops at NUL and splits parameters on spaces;"
                        + " use printable ASCII only", (int) c, visible(parameterAt(text, i)))));
            }
        }
        return Optional.empty();
    }

    private static String parameterAt(String text, int index) {
        int start = text.lastIndexOf(' ', index) + 1;
        int end = text.indexOf(' ', index);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The parameter with what cannot be shown as {@code \\uXXXX}. */
    private static String visible(String parameter) {
        StringBuilder shown = new StringBuilder();
        for (char c : parameter.toCharArray()) {
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return shown.toString();
    }
}
