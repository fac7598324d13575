package io.toothcomb.config;

/**
 * Escapes what would let a value forge or garble a log line: a file name with a newline in it must not start a
 * line of its own. Control characters (C0, DEL, C1) and the Unicode line and paragraph separators are written as
 * {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, and a backslash as two, so that the escaped text
 * reads back unambiguously.
 */
public final class LogText {
    private LogText() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !special(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!special(c)) {
                b.append(c);
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static boolean special(char c) {
        return c < 0x20 || c == '\\' || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';
    }
}
