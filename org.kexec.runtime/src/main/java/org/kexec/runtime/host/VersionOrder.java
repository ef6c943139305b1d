package org.kexec.runtime.host;

import java.util.Comparator;

/**
 * How a distribution orders kernel releases, for {@code release newest}: Debian's (dpkg's version comparison, which
 * {@code linux-version sort} applies to releases such as {@code 6.1.0-57-amd64}) and the RPM family's
 * ({@code rpmvercmp}, for releases such as {@code 6.5.6-300.fc39.x86_64}).
 */
public enum VersionOrder implements Comparator<String> {
    /** dpkg: epoch, upstream part and revision; digits compare as numbers, '~' sorts before everything. */
    DEBIAN("Debian's version order") {
        @Override
        public int compare(String a, String b) {
            int colonA = a.indexOf(':');
            int colonB = b.indexOf(':');
            int epochs = compareNumbers(epoch(a, colonA), epoch(b, colonB));
            if (epochs != 0) {
                return epochs;
            }
            String restA = a.substring(colonA + 1);
            String restB = b.substring(colonB + 1);
            int dashA = restA.lastIndexOf('-');
            int dashB = restB.lastIndexOf('-');
            int upstream = dpkgPart(dashA < 0 ? restA : restA.substring(0, dashA), dashB < 0 ? restB : restB.substring(0, dashB));
            return upstream != 0 ? upstream : dpkgPart(dashA < 0 ? "" : restA.substring(dashA + 1), dashB < 0 ? "" : restB.substring(dashB + 1));
        }
    },
    /** rpmvercmp: alternating numeric and alphabetic segments, '~' before and '^' after the end. */
    RPM("the RPM version order") {
        @Override
        public int compare(String a, String b) {
            return rpmvercmp(a, b);
        }
    };

    private final String description;

    VersionOrder(String description) {
        this.description = description;
    }

    /** For messages: {@code Debian's version order}. */
    public String description() {
        return description;
    }

    /** A dpkg version's epoch: the digits before its first colon, else 0. */
    private static String epoch(String version, int colon) {
        String digits = colon > 0 ? version.substring(0, colon) : "0";
        return digits.chars().allMatch(c -> isDigit((char) c)) ? digits : "0";
    }

    /** Two decimal numbers of any length, compared by value. */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    /** dpkg's {@code verrevcmp}. */
    private static int dpkgPart(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int orderA = dpkgOrder(a, i);
                int orderB = dpkgOrder(b, j);
                if (orderA != orderB) {
                    return orderA - orderB;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && j < b.length() && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return firstDifference;
            }
        }
        return 0;
    }

    private static int dpkgOrder(String text, int at) {
        if (at >= text.length()) {
            return 0;
        }
        char c = text.charAt(at);
        if (isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c) && c < 128) {
            return c;
        }
        return c == '~' ? -1 : c + 256;
    }

    /** rpm's {@code rpmvercmp}. */
    private static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            boolean tildeA = i < a.length() && a.charAt(i) == '~';
            boolean tildeB = j < b.length() && b.charAt(j) == '~';
            if (tildeA || tildeB) {
                if (!tildeA) {
                    return 1;
                }
                if (!tildeB) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            boolean caretA = i < a.length() && a.charAt(i) == '^';
            boolean caretB = j < b.length() && b.charAt(j) == '^';
            if (caretA || caretB) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!caretA) {
                    return 1;
                }
                if (!caretB) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = isDigit(a.charAt(i));
            int startA = i;
            int startB = j;
            while (i < a.length() && (numeric ? isDigit(a.charAt(i)) : isLetter(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? isDigit(b.charAt(j)) : isLetter(b.charAt(j)))) {
                j++;
            }
            if (startB == j) {
                return numeric ? 1 : -1;
            }
            String segmentA = a.substring(startA, i);
            String segmentB = b.substring(startB, j);
            int compared;
            if (numeric) {
                segmentA = segmentA.replaceFirst("^0+", "");
                segmentB = segmentB.replaceFirst("^0+", "");
                compared = segmentA.length() != segmentB.length() ? Integer.compare(segmentA.length(), segmentB.length())
                        : segmentA.compareTo(segmentB);
            } else {
                compared = segmentA.compareTo(segmentB);
            }
            if (compared != 0) {
                return compared < 0 ? -1 : 1;
            }
        }
        if (i >= a.length() && j >= b.length()) {
            return 0;
        }
        return i < a.length() ? 1 : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isLetter(c);
    }
}
