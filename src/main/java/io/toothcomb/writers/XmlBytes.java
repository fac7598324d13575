package io.toothcomb.writers;

import io.toothcomb.reader.ByteSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small byte-level XML writer for the annotated outputs, the biggest files toothcomb writes. It escapes as it
 * copies (&amp; &lt; &gt; &quot;; in attribute values also tab, CR and LF as character references, so that they
 * survive attribute-value normalisation; control characters XML 1.0 cannot hold become '?'), caches tag bytes,
 * and makes no String per value. Input bytes are UTF-8 and pass through.
 */
final class XmlBytes implements ByteSink {
    private static final ConcurrentHashMap<String, byte[]> OPEN = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, byte[]> CLOSE = new ConcurrentHashMap<>();
    private static final byte[][] INDENT = new byte[32][];

    static {
        for (int i = 0; i < INDENT.length; i++) {
            byte[] b = new byte[1 + 2 * i];
            Arrays.fill(b, (byte) ' ');
            b[0] = '\n';
            INDENT[i] = b;
        }
    }

    private static final int BUFFER = 1 << 16;
    private static final byte[] NONE = new byte[0];

    private final OutputStream out;
    /**
     * When the bytes go to a fragment (a transaction set's part, on a worker): the buffer is a chunk it lends, and
     * a full one becomes part of it as it is, instead of being copied into it.
     */
    private final io.toothcomb.result.Fragment fragment;
    private byte[] buf;
    private int len;
    /** The same escaping for a value inside an attribute (see {@link #attributeValue()}). */
    private final ByteSink attributeValue = (b, off, n) -> escape(b, off, n, true);

    XmlBytes(OutputStream out) {
        this.out = out;
        this.fragment = out instanceof io.toothcomb.result.Fragment f ? f : null;
        byte[] lent = fragment == null ? null : fragment.lend();
        this.buf = lent != null ? lent : new byte[BUFFER];
    }

    static byte[] openTag(String name) {
        byte[] b = OPEN.get(name);
        return b != null ? b : OPEN.computeIfAbsent(name, n -> ("<" + n + ">").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] closeTag(String name) {
        byte[] b = CLOSE.get(name);
        return b != null ? b : CLOSE.computeIfAbsent(name, n -> ("</" + n + ">").getBytes(StandardCharsets.US_ASCII));
    }

    private void ensure(int n) throws IOException {
        if (len + n > buf.length) {
            flushBuffer();
            if (n > buf.length) {
                buf = new byte[Math.max(n, Math.max(BUFFER, buf.length * 2))];
            }
        }
    }

    private void flushBuffer() throws IOException {
        if (len == 0) {
            return;
        }
        if (fragment != null) {
            byte[] next = fragment.adopt(buf, len);
            buf = next != null ? next : new byte[BUFFER];
        } else {
            out.write(buf, 0, len);
        }
        len = 0;
    }

    void raw(byte[] b) throws IOException {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void indent(int depth) throws IOException {
        raw(INDENT[Math.min(depth, INDENT.length - 1)]);
    }

    /** Text that is known to be plain ASCII markup (tag names, attribute names). */
    void ascii(String s) throws IOException {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    /** Escaped text from a String (messages). */
    void text(String s) throws IOException {
        text(s, false);
    }

    private void text(String s, boolean attr) throws IOException {
        int n = s.length();
        ensure(n * 6);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] b = s.substring(i).getBytes(StandardCharsets.UTF_8);
                escape(b, 0, b.length, attr);
                return;
            }
            if (c == '<' || c == '>' || c == '&' || c == '"' || c < 0x20) {
                byte[] one = {(byte) c};
                escape(one, 0, 1, attr);
            } else {
                buf[len++] = (byte) c;
            }
        }
    }

    void attribute(String name, String value) throws IOException {
        ensure(name.length() + 3);
        buf[len++] = ' ';
        ascii(name);
        buf[len++] = '=';
        buf[len++] = '"';
        text(value, true);
        ensure(1);
        buf[len++] = '"';
    }

    void attribute(String name, int value) throws IOException {
        if (value < 0) {
            attribute(name, Integer.toString(value));
            return;
        }
        int from = Digits.putBefore(scratchDigits, scratchDigits.length, value);
        attributeDigits(name, scratchDigits, from);
    }

    private final byte[] scratchDigits = new byte[10];

    /**
     * The digits of the last number {@link #ordinalAttribute} wrote, right-aligned in {@code ordDigits} from
     * {@code ordStart}: segment numbers come one after another, so the next is an increment of these digits,
     * not a division per digit (which was a quarter of the XML writer's time).
     */
    private final byte[] ordDigits = new byte[10];
    private int ordStart = ordDigits.length;
    private int ordValue = -1;

    /** Writes {@code name="value"} for a segment number, usually one more than the last one written. */
    void ordinalAttribute(String name, int value) throws IOException {
        if (value <= 0) {
            attribute(name, value);
            return;
        }
        attributeDigits(name, ordDigits, ordinalDigits(value));
    }

    /** Puts a segment number (above 0) into {@link #ordDigits}, returning where its digits start. */
    private int ordinalDigits(int value) {
        if (value == ordValue + 1 && ordValue > 0) {
            int i = ordDigits.length - 1;
            while (i >= ordStart && ordDigits[i] == '9') {
                ordDigits[i--] = '0';
            }
            if (i >= ordStart) {
                ordDigits[i]++;
            } else {
                ordDigits[--ordStart] = '1';
            }
        } else {
            ordStart = Digits.putBefore(ordDigits, ordDigits.length, value);
        }
        ordValue = value;
        return ordStart;
    }

    private static final byte[] TEXT_ATTRIBUTE = "\" text=\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * What starts a segment in the compact form, in one go: {@code head} (a line break, the tag and
     * {@code  n="}), the segment number (above 0), and {@code " text="}; the segment's text follows through
     * {@link #attributeValue()}.
     */
    void segmentHead(byte[] head, int ordinal) throws IOException {
        int from = ordinalDigits(ordinal);
        int n = ordDigits.length - from;
        ensure(head.length + n + TEXT_ATTRIBUTE.length);
        byte[] b = buf;
        int p = len;
        System.arraycopy(head, 0, b, p, head.length);
        p += head.length;
        System.arraycopy(ordDigits, from, b, p, n);
        p += n;
        System.arraycopy(TEXT_ATTRIBUTE, 0, b, p, TEXT_ATTRIBUTE.length);
        len = p + TEXT_ATTRIBUTE.length;
    }

    /** Writes {@code name="digits"} from {@code digits[from..]}. */
    private void attributeDigits(String name, byte[] digits, int from) throws IOException {
        int n = digits.length - from;
        ensure(name.length() + n + 4);
        buf[len++] = ' ';
        for (int i = 0; i < name.length(); i++) {
            buf[len++] = (byte) name.charAt(i);
        }
        buf[len++] = '=';
        buf[len++] = '"';
        System.arraycopy(digits, from, buf, len, n);
        len += n;
        buf[len++] = '"';
    }

    /** Escaped bytes (the ByteSink used for element values copied straight from segments). */
    @Override
    public void write(byte[] b, int off, int n) {
        escape(b, off, n, false);
    }

    /**
     * Where bytes go that belong inside an attribute value the caller has opened with {@code name="}: escaped as
     * {@link #write} does, and tab, CR and LF as {@code &#9;}, {@code &#13;}, {@code &#10;}.
     */
    ByteSink attributeValue() {
        return attributeValue;
    }

    /**
     * What each byte becomes in text ({@code TEXT}) and in an attribute value ({@code ATTRIBUTE}): null for a
     * byte copied as it is, else its replacement: {@code < > & "} as entities, tab, LF and CR as themselves in
     * text and as character references in attributes (where a parser would turn them into spaces), and the
     * other controls below space, which XML 1.0 cannot hold, as '?'.
     */
    private static final byte[][] TEXT = new byte[256][];
    private static final byte[][] ATTRIBUTE = new byte[256][];

    static {
        for (int c = 0; c < 0x20; c++) {
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            TEXT[c] = whitespace ? new byte[] {(byte) c} : new byte[] {'?'};
            ATTRIBUTE[c] = whitespace ? ("&#" + c + ";").getBytes(StandardCharsets.US_ASCII) : TEXT[c];
        }
        String[][] entities = {{"<", "&lt;"}, {">", "&gt;"}, {"&", "&amp;"}, {"\"", "&quot;"}};
        for (String[] e : entities) {
            TEXT[e[0].charAt(0)] = e[1].getBytes(StandardCharsets.US_ASCII);
            ATTRIBUTE[e[0].charAt(0)] = TEXT[e[0].charAt(0)];
        }
    }

    private void escape(byte[] b, int off, int n, boolean attr) {
        try {
            ensure(n * 6);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[][] table = attr ? ATTRIBUTE : TEXT;
        byte[] d = buf;
        int p = len;
        int i = off;
        int end = off + n;
        // eight bytes at a time while none of them needs escaping or is above 127 (segment text almost never is)
        while (i <= end - 8) {
            long w = (long) LONGS.get(b, i);
            if (needsEscape(w) || (w & HIGHS) != 0) {
                break;
            }
            LONGS.set(d, p, w);
            i += 8;
            p += 8;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c < 0) {
                // a byte above 127: copied when it starts a whole UTF-8 sequence, else the replacement character,
                // as the listing (which decodes the segment as UTF-8) shows it; the XML stays well formed whatever
                // the input held (a Latin-1 name, a binary file)
                int n2 = utf8Length(b, i, end);
                if (n2 > 0) {
                    System.arraycopy(b, i, d, p, n2);
                    p += n2;
                    i += n2 - 1;
                } else {
                    d[p++] = (byte) 0xEF;
                    d[p++] = (byte) 0xBF;
                    d[p++] = (byte) 0xBD;
                }
                continue;
            }
            byte[] r = table[c & 0xff];
            if (r == null) {
                d[p++] = c;
            } else {
                System.arraycopy(r, 0, d, p, r.length);
                p += r.length;
            }
        }
        len = p;
    }

    /**
     * The length of the well-formed UTF-8 sequence at {@code b[i]} (2 to 4 bytes: no overlong form, no surrogate,
     * nothing above U+10FFFF), or 0 when there is none.
     */
    static int utf8Length(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int x = b[i + k] & 0xff;
            if ((x & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (x & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) {
            return 0;
        }
        return n;
    }

    /** Eight bytes at once, in either byte order (only whole words are tested and copied). */
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.nativeOrder());

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Whether any of the eight bytes of {@code w} is one {@link #TEXT} or {@link #ATTRIBUTE} replaces: a control
     * below space, or one of {@code < > & "}. Bytes of 0x80 and up (UTF-8 sequences) never match. It may answer
     * true for a word that needs nothing (a borrow can flag a byte after a match); never false for one that does.
     */
    static boolean needsEscape(long w) {
        // '<' 0x3C and '>' 0x3E are the same byte once bit 1 is set; '"' 0x22 and '&' 0x26 once bit 2 is
        long angle = (w | 0x0202020202020202L) ^ 0x3E3E3E3E3E3E3E3EL;
        long amp = (w | 0x0404040404040404L) ^ 0x2626262626262626L;
        long zeroAngle = (angle - ONES) & ~angle;
        long zeroAmp = (amp - ONES) & ~amp;
        long control = (w - 0x2020202020202020L) & ~w;
        return ((zeroAngle | zeroAmp | control) & HIGHS) != 0;
    }

    /** Writes out what is buffered; a fragment's writer is done then, and gives its chunk back. */
    void flush() throws IOException {
        flushBuffer();
        if (fragment != null) {
            fragment.giveBack(buf);
            buf = NONE;
        }
        out.flush();
    }

    /** Writes what another XmlBytes wrote into {@code bytes} here, after what this one holds. */
    void append(io.toothcomb.result.Fragment bytes) throws IOException {
        flushBuffer();
        bytes.writeTo(out);
    }
}
