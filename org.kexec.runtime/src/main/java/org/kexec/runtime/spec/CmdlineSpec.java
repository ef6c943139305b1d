package org.kexec.runtime.spec;

import java.util.List;

/**
 * The next kernel's command line, before the loader appends what it must (e.g. {@code elfcorehdr=}).
 *
 * @param reuseRunning start from the running kernel's command line ({@code /proc/cmdline})
 * @param dropped      parameter names removed from the running command line (e.g. {@code crashkernel})
 * @param parts        literal parts, in order
 * @param appended     additions, after the parts (a boot's own additions follow those it inherits)
 */
public record CmdlineSpec(boolean reuseRunning, List<String> dropped, List<String> parts, List<String> appended) {

    public CmdlineSpec {
        dropped = List.copyOf(dropped);
        parts = List.copyOf(parts);
        appended = List.copyOf(appended);
    }

    /** The literal command line, as it reads when nothing is reused: parts then additions, space-separated. */
    public String literal() {
        StringBuilder line = new StringBuilder();
        for (String piece : parts) {
            join(line, piece);
        }
        for (String piece : appended) {
            join(line, piece);
        }
        return line.toString();
    }

    private static void join(StringBuilder line, String piece) {
        String trimmed = piece.strip();
        if (!trimmed.isEmpty()) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(trimmed);
        }
    }
}
