package io.toothcomb.writers;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Writes X12 segments with the standard delimiters ({@code * : ^ ~}, a newline after each segment) and
 * counts them for SE01. Values are cleaned of delimiter characters so the output always parses.
 */
public final class X12Writer {
    public static final char ELEMENT = '*';
    public static final char COMPONENT = ':';
    public static final char REPETITION = '^';
    public static final char TERMINATOR = '~';

    private final OutputStream out;
    private byte[] buf = new byte[256];
    private int len;
    private int count;

    public X12Writer(OutputStream out) {
        this.out = out;
    }

    /** Writes one segment; trailing empty elements are dropped. */
    public void segment(String id, String... elements) throws IOException {
        begin(id);
        for (String e : elements) {
            el(e);
        }
        end();
    }

    /**
     * Starts a segment built element by element ({@link #el}, {@link #freeText}, {@link #num}, {@link #d8}),
     * straight into the segment buffer without a String per value; {@link #end} writes it. The 277CA writes a
     * handful of segments for every claim this way.
     */
    public X12Writer begin(String id) {
        len = 0;
        put(id);
        contentEnd = len;
        return this;
    }

    /** An element as given (null or empty: an empty element). */
    public X12Writer el(String v) {
        sep();
        if (v != null && !v.isEmpty()) {
            put(v);
            mark();
        }
        return this;
    }

    /** Free text, as {@link #text(String, int)} makes it: delimiters and line breaks as spaces, trimmed, cut to {@code max}. */
    public X12Writer freeText(String v, int max) {
        sep();
        if (v == null) {
            return this;
        }
        int n = v.length();
        int from = 0;
        while (from < n && cleanChar(v.charAt(from)) <= ' ') {
            from++;
        }
        int to = n;
        while (to > from && cleanChar(v.charAt(to - 1)) <= ' ') {
            to--;
        }
        to = Math.min(to, from + max);
        ensure(to - from);
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                putUtf8(clean(v.substring(i, to)));
                break;
            }
            buf[len++] = DELIMITER[c] ? (byte) ' ' : (byte) c;
        }
        if (to > from) {
            mark();
        }
        return this;
    }

    /** A number (not negative) as its digits. */
    public X12Writer num(int v) {
        sep();
        int n = Digits.count(v);
        ensure(n);
        Digits.putBefore(buf, len + n, v);
        len += n;
        mark();
        return this;
    }

    /** A date as CCYYMMDD (DTP D8). */
    public X12Writer d8(LocalDate d) {
        sep();
        putDate(d);
        mark();
        return this;
    }

    /** A date range as CCYYMMDD-CCYYMMDD (DTP RD8). */
    public X12Writer rd8(LocalDate from, LocalDate to) {
        sep();
        putDate(from);
        ensure(1);
        buf[len++] = '-';
        putDate(to);
        mark();
        return this;
    }

    /** Ends the segment begun with {@link #begin}: drops trailing empty elements, writes it. */
    public void end() throws IOException {
        len = contentEnd;
        ensure(2);
        buf[len++] = TERMINATOR;
        buf[len++] = '\n';
        out.write(buf, 0, len);
        count++;
    }

    /** Where the last non-empty element ends: trailing empty elements are cut back to here. */
    private int contentEnd;

    private void sep() {
        ensure(1);
        buf[len++] = ELEMENT;
    }

    private void mark() {
        contentEnd = len;
    }

    private void putDate(LocalDate d) {
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            put(date(d));
            return;
        }
        ensure(8);
        int v = y * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
        for (int i = len + 7; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += 8;
    }

    private static char cleanChar(char c) {
        return c < 128 && DELIMITER[c] ? ' ' : c;
    }

    /** Appends {@code s} as UTF-8 straight into the segment buffer (no String or byte[] per value). */
    private void put(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                putUtf8(s.substring(i));
                return;
            }
            buf[len++] = (byte) c;
        }
    }

    private void putUtf8(String s) {
        byte[] rest = s.getBytes(StandardCharsets.UTF_8);
        ensure(rest.length);
        System.arraycopy(rest, 0, buf, len, rest.length);
        len += rest.length;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Segments written since the last {@link #resetCount()}. */
    public int count() {
        return count;
    }

    public void resetCount() {
        count = 0;
    }

    /** Joins components with ':' after cleaning each. */
    public static String composite(String... parts) {
        int last = parts.length;
        while (last > 0 && (parts[last - 1] == null || parts[last - 1].isEmpty())) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                b.append(COMPONENT);
            }
            b.append(clean(parts[i]));
        }
        return b.toString();
    }

    /** Replaces delimiter characters in free text with spaces and trims it to {@code max} characters. */
    public static String text(String s, int max) {
        String c = clean(s).trim();
        return c.length() > max ? c.substring(0, max) : c;
    }

    /** The characters {@link #clean} replaces: the four delimiters and line breaks. */
    private static final boolean[] DELIMITER = new boolean[128];

    static {
        for (char c : new char[] {ELEMENT, COMPONENT, REPETITION, TERMINATOR, '\n', '\r'}) {
            DELIMITER[c] = true;
        }
    }

    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 && DELIMITER[c]) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? s : b.toString();
    }

    /** An X12 R-type amount: no trailing zeros beyond cents, no exponent. */
    public static String amount(BigDecimal v) {
        if (v == null) {
            return "0";
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            s = s.setScale(0);
        }
        return s.toPlainString();
    }

    /** A date as CCYYMMDD (DTP D8), made without a formatter: the 277CA writes one or two for every claim. */
    public static String date(LocalDate d) {
        int y = d.getYear();
        if (y < 1000 || y > 9999) {
            return d.format(DateTimeFormatter.ofPattern("uuuuMMdd"));
        }
        return Integer.toString(y * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth());
    }

    /** A fixed-width ISA field: padded with spaces (or cut) to {@code width}. */
    public static String pad(String s, int width) {
        String c = clean(s);
        if (c.length() >= width) {
            return c.substring(0, width);
        }
        return c + " ".repeat(width - c.length());
    }

    /** A control number left-padded with zeros to {@code width} digits (ISA13 is 9). */
    public static String zeros(long n, int width) {
        String s = Long.toString(Math.abs(n) % (long) Math.pow(10, width));
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
