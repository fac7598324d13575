package io.toothcomb.reader;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One X12 segment as it stood in the file, with where it stood.
 *
 * <p>A segment is a slice of one of the reader's buffers (without the terminator) plus the offsets of its
 * element separators in an array the reader shares among many segments; the reader never writes into bytes it
 * has handed out, so nothing is copied per segment. Element values become Strings only when somebody asks for
 * them, so the reader itself allocates no per-element objects. Instances are immutable and safe to keep after
 * the reader moves on (a kept segment keeps its buffer, a few tens of kilobytes, alive).
 */
public final class Segment {
    private final byte[] data;
    private final int off;
    private final int len;
    private final int[] seps;
    private final int sepOff;
    private final int sepCount;
    private final String id;
    private final int idKey;
    private final int ordinal;
    private final int line;
    private final long byteOffset;
    private final Delimiters delimiters;
    private final boolean terminated;
    /** {@link #charFlags()} as the reader found it while scanning, or {@link #UNKNOWN_CHARS}. */
    private final long chars;

    /**
     * A segment over {@code len} bytes of {@code data} from {@code off}; {@code seps[sepOff .. sepOff+sepCount)}
     * are the offsets of its element separators relative to {@code off}. The reader hands out slices of its own
     * buffers and never writes into a slice it has handed out, so no bytes are copied per segment.
     */
    Segment(byte[] data, int off, int len, int[] seps, int sepOff, int sepCount, int ordinal, int line,
            long byteOffset, Delimiters delimiters, boolean terminated) {
        this(data, off, len, seps, sepOff, sepCount, ordinal, line, byteOffset, delimiters, terminated, UNKNOWN_CHARS);
    }

    /** As above, with {@link #charFlags()} worked out by the reader's scan ({@link #UNKNOWN_CHARS}: not). */
    Segment(byte[] data, int off, int len, int[] seps, int sepOff, int sepCount, int ordinal, int line,
            long byteOffset, Delimiters delimiters, boolean terminated, long chars) {
        this.chars = chars;
        this.data = data;
        this.off = off;
        this.len = len;
        this.seps = seps;
        this.sepOff = sepOff;
        this.sepCount = sepCount;
        this.ordinal = ordinal;
        this.line = line;
        this.byteOffset = byteOffset;
        this.delimiters = delimiters;
        this.terminated = terminated;
        int idLen = sepCount == 0 ? len : seps[sepOff];
        int key = idKey(data, off, idLen);
        this.idKey = key;
        this.id = key >= 0 ? NAMES[key] : idLen <= 0 ? "" : new String(data, off, idLen, StandardCharsets.ISO_8859_1);
    }

    /** Builds a segment from text, for tests and writers; {@code text} has no terminator. */
    public static Segment of(String text, Delimiters delimiters, int ordinal) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = 0;
        for (byte b : bytes) {
            if (b == delimiters.element()) {
                n++;
            }
        }
        int[] seps = new int[n];
        int k = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == delimiters.element()) {
                seps[k++] = i;
            }
        }
        return new Segment(bytes, 0, bytes.length, seps, 0, n, ordinal, 1, 0, delimiters, true);
    }

    /** Ids of up to three ASCII bytes, packed into an int, in a lock-free open-addressing table. */
    private static final int TABLE = 1 << 12;
    private static final int[] KEYS = new int[TABLE];
    private static final String[] NAMES = new String[TABLE];

    /** The exclusive upper bound of {@link #idKey()}: a table indexed by id key needs this many entries. */
    public static final int ID_KEYS = TABLE;

    /** The id's slot in the table, entering it on first sight; -1 for an empty id, one of more than three bytes, or a full table. */
    private static int idKey(byte[] data, int o, int n) {
        if (n <= 0 || n > 3) {
            return -1;
        }
        int key = n;
        for (int i = 0; i < n; i++) {
            key = (key << 8) | (data[o + i] & 0xff);
        }
        int slot = (key * 0x9E3779B1) >>> 20;
        for (int probe = 0; probe < 16; probe++) {
            int k = (slot + probe) & (TABLE - 1);
            if (NAMES[k] == null) {
                return enter(data, o, n, key, slot); // not seen yet, or entered by another thread just now
            }
            if (KEYS[k] == key) {
                return k;
            }
        }
        return -1;
    }

    /** Looks again under the lock, where every entry is visible, and enters the id if it is still missing. */
    private static synchronized int enter(byte[] data, int o, int n, int key, int slot) {
        for (int probe = 0; probe < 16; probe++) {
            int k = (slot + probe) & (TABLE - 1);
            if (NAMES[k] == null) {
                KEYS[k] = key;
                NAMES[k] = new String(data, o, n, StandardCharsets.ISO_8859_1);
                return k;
            }
            if (KEYS[k] == key) {
                return k;
            }
        }
        return -1;
    }

    /** The segment id, e.g. {@code CLM}. */
    public String id() {
        return id;
    }

    /**
     * A small number standing for the id, the same for every segment with that id while the JVM runs, for
     * tables indexed by id instead of a switch on the id's text; from 0 to {@link #ID_KEYS} - 1, or -1 for an id
     * of more than three bytes (no X12 id has more). Segments built with {@link #of} have one too.
     */
    public int idKey() {
        return idKey;
    }

    /** 1-based position of this segment in the file (ISA of the first interchange is 1). */
    public int ordinal() {
        return ordinal;
    }

    /** 1-based line of the file on which the segment starts. */
    public int line() {
        return line;
    }

    /** 0-based byte offset of the segment's first byte in the file. */
    public long byteOffset() {
        return byteOffset;
    }

    public Delimiters delimiters() {
        return delimiters;
    }

    /** False for a last segment cut off by the end of the file. */
    public boolean terminated() {
        return terminated;
    }

    /** Number of elements after the id (trailing empty elements the sender omitted are not counted). */
    public int elementCount() {
        return sepCount;
    }

    private int start(int i) {
        return off + seps[sepOff + i - 1] + 1;
    }

    private int end(int i) {
        return i < sepCount ? off + seps[sepOff + i] : off + len;
    }

    /** Element {@code i} (1-based) as written, or the empty string when absent. */
    public String element(int i) {
        if (i < 1 || i > sepCount) {
            return "";
        }
        int s = start(i);
        int e = end(i);
        return string(s, e);
    }

    /**
     * The components of element {@code i} as {@link #components} gives them (trailing empty components dropped),
     * as an unmodifiable list, which a model record can keep without copying it.
     */
    public List<String> componentList(int i) {
        if (!has(i)) {
            return List.of();
        }
        int s = start(i);
        int e = end(i);
        byte comp = delimiters.component();
        int n = 1;
        int last = 0; // number of components up to the last non-empty one
        int cs = s;
        for (int k = s; k <= e; k++) {
            if (k == e || data[k] == comp) {
                if (k > cs) {
                    last = n;
                }
                n++;
                cs = k + 1;
            }
        }
        if (last == 0) {
            return List.of();
        }
        String[] out = new String[last];
        int c = 0;
        cs = s;
        for (int k = s; c < last; k++) {
            if (k == e || data[k] == comp) {
                out[c++] = string(cs, k);
                cs = k + 1;
            }
        }
        return switch (last) {
            case 1 -> List.of(out[0]);
            case 2 -> List.of(out[0], out[1]);
            default -> List.of(out);
        };
    }

    /** Length of element {@code i} in bytes (0 when absent). */
    public int elementLength(int i) {
        return i < 1 || i > sepCount ? 0 : end(i) - start(i);
    }

    /** Byte position of the first {@code b} in element {@code i}, or -1 (also when the element is absent). */
    public int indexOf(int i, byte b) {
        if (i < 1 || i > sepCount) {
            return -1;
        }
        int s = start(i);
        int e = end(i);
        for (int k = s; k < e; k++) {
            if (data[k] == b) {
                return k - s;
            }
        }
        return -1;
    }

    /**
     * The number written in bytes {@code from} to {@code to} (exclusive) of element {@code i}, when they are all
     * ASCII digits (at most 18); -1 when the range is empty, outside the element, or holds anything else.
     */
    public long digits(int i, int from, int to) {
        if (i < 1 || i > sepCount || from < 0 || to <= from || to - from > 18) {
            return -1;
        }
        int s = start(i);
        if (s + to > end(i)) {
            return -1;
        }
        long v = 0;
        for (int k = s + from; k < s + to; k++) {
            int d = data[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Element {@code i} as an X12 decimal (R type): an optional leading minus, digits and at most one decimal
     * point, at least one digit, at most 18 characters. Null when absent or anything else. The value equals
     * {@code new BigDecimal(element(i))}, scale included, without making a String.
     */
    public BigDecimal decimal(int i) {
        if (i < 1 || i > sepCount) {
            return null;
        }
        int s = start(i);
        int e = end(i);
        if (e == s || e - s > 18) {
            return null;
        }
        long unscaled = 0;
        int scale = 0;
        int digitCount = 0;
        boolean negative = false;
        boolean point = false;
        for (int k = s; k < e; k++) {
            byte b = data[k];
            if (b >= '0' && b <= '9') {
                unscaled = unscaled * 10 + (b - '0');
                digitCount++;
                if (point) {
                    scale++;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else if (b == '-' && k == s) {
                negative = true;
            } else {
                return null;
            }
        }
        if (digitCount == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * Values of one or two ASCII bytes (qualifiers, entity codes, tooth numbers, surfaces, flags) as Strings
     * made once: reading them allocates nothing. The table fills as values are met; a racing thread at worst
     * makes a String twice, and a String is safe to publish this way.
     */
    private static final String[] SHORT = new String[128 * 129];

    /** Bytes {@code from} to {@code to} decoded as UTF-8, as {@link #element} has always done. */
    private String string(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return "";
        }
        if (n <= 2) {
            int b0 = data[from];
            int b1 = n == 2 ? data[from + 1] : -1;
            if (b0 >= 0 && (n == 1 || b1 >= 0)) {
                int k = b0 * 129 + b1 + 1;
                String v = SHORT[k];
                if (v == null) {
                    v = new String(data, from, n, StandardCharsets.ISO_8859_1);
                    SHORT[k] = v;
                }
                return v;
            }
        }
        return new String(data, from, n, StandardCharsets.UTF_8);
    }

    /** Element {@code i} with surrounding spaces removed (ISA fields are space padded). */
    public String trimmed(int i) {
        return element(i).trim();
    }

    /**
     * The elements that have a value, as bits: bit {@code i} for element {@code i} ({@link #has}), for elements 1
     * to 63 (those past 63 are not marked). One pass over the separators, for a caller that asks about many.
     */
    public long presentMask() {
        int n = Math.min(sepCount, 63);
        if (n == 0) {
            return 0;
        }
        int[] sp = seps;
        int o = sepOff;
        long m = 0;
        int prev = sp[o];
        for (int i = 1; i < n; i++) {
            int next = sp[o + i];
            if (next - prev > 1) {
                m |= 1L << i;
            }
            prev = next;
        }
        if ((n < sepCount ? sp[o + n] : len) - prev > 1) {
            m |= 1L << n;
        }
        return m;
    }

    public boolean has(int i) {
        return i >= 1 && i <= sepCount && end(i) > start(i);
    }

    /**
     * Bytes {@code from} to {@code from + 8} of element {@code i} as one long, the first byte lowest; 0 when the
     * element has fewer. A caller can recognise a value it has met before (a date) by these without parsing it.
     */
    public long eightBytes(int i, int from) {
        if (i < 1 || i > sepCount || from < 0) {
            return 0;
        }
        int at = start(i) + from;
        if (at + 8 > end(i)) {
            return 0;
        }
        return (long) X12Reader.LONGS.get(data, at);
    }

    /** Compares element {@code i} to an ASCII value without allocating. */
    public boolean elementIs(int i, String value) {
        if (i < 1 || i > sepCount) {
            return value.isEmpty();
        }
        return rangeIs(start(i), end(i), value);
    }

    /** Component {@code c} (1-based) of element {@code i}, or the empty string when absent. */
    public String component(int i, int c) {
        long r = componentBounds(i, c);
        if (r < 0) {
            return "";
        }
        int from = (int) (r >>> 32);
        int to = (int) r;
        return string(from, to);
    }

    /** True when component {@code c} of element {@code i} is present and not empty (allocates nothing). */
    public boolean hasComponent(int i, int c) {
        long r = componentBounds(i, c);
        return r >= 0 && (int) r > (int) (r >>> 32);
    }

    /** Start and end offsets of component {@code c} of element {@code i}, packed in a long; -1 when absent. */
    private long componentBounds(int i, int c) {
        if (i < 1 || i > sepCount) {
            return -1;
        }
        int s = start(i);
        int e = end(i);
        int n = 1;
        int cs = s;
        byte comp = delimiters.component();
        for (int k = s; k <= e; k++) {
            if (k == e || data[k] == comp) {
                if (n == c) {
                    return ((long) cs << 32) | k;
                }
                n++;
                cs = k + 1;
            }
        }
        return -1;
    }

    /** All components of element {@code i}; an element without component separators is one component. */
    public List<String> components(int i) {
        List<String> out = new ArrayList<>(4);
        if (!has(i)) {
            return out;
        }
        int s = start(i);
        int e = end(i);
        int cs = s;
        byte comp = delimiters.component();
        for (int k = s; k <= e; k++) {
            if (k == e || data[k] == comp) {
                out.add(string(cs, k));
                cs = k + 1;
            }
        }
        int last = out.size();
        while (last > 0 && out.get(last - 1).isEmpty()) {
            last--;
        }
        return out.subList(0, last);
    }

    /** Repetitions of element {@code i} split on the repetition separator. */
    public List<String> repetitions(int i) {
        List<String> out = new ArrayList<>(2);
        if (!has(i)) {
            return out;
        }
        String v = element(i);
        char rep = delimiters.repetitionChar();
        if (delimiters.repetition() == 0 || v.indexOf(rep) < 0) {
            out.add(v);
            return out;
        }
        int from = 0;
        for (int k = 0; k <= v.length(); k++) {
            if (k == v.length() || v.charAt(k) == rep) {
                out.add(v.substring(from, k));
                from = k + 1;
            }
        }
        return out;
    }

    /**
     * Copies element {@code i} (1-based), or only its component {@code c} when {@code c > 0}, into {@code sink}
     * without allocating. Copies nothing for an absent element.
     */
    public void copyElementTo(int i, int c, ByteSink sink) {
        if (i < 1 || i > sepCount) {
            return;
        }
        if (c <= 0) {
            sink.write(data, start(i), end(i) - start(i));
            return;
        }
        long r = componentBounds(i, c);
        if (r >= 0) {
            int from = (int) (r >>> 32);
            sink.write(data, from, (int) r - from);
        }
    }

    /** Copies the whole segment as written, without its terminator, into {@code sink} without allocating. */
    public void copyTo(ByteSink sink) {
        sink.write(data, off, len);
    }

    // ---------------------------------------------------------------- byte-level views for validators

    /** {@link #scan} class bits of a byte: what kind of character it is in the X12 character sets. */
    public static final int DIGIT = 1;
    public static final int UPPER = 1 << 1;
    public static final int LOWER = 1 << 2;
    /** The basic character set's specials: space ! " &amp; ' ( ) * + , - . / : ; ? = */
    public static final int BASIC_SPECIAL = 1 << 3;
    /** The extended character set's specials: % @ [ ] _ { } \ | &lt; &gt; # $ ~ ^ ` */
    public static final int EXTENDED_SPECIAL = 1 << 4;
    /** A control character, DEL, or any byte of 0x80 and above: in no X12 character set. */
    public static final int INVALID = 1 << 5;
    /** The interchange's component separator, inside an element that is not a composite. */
    public static final int COMPONENT_SEPARATOR = 1 << 6;
    /** The interchange's repetition separator. */
    public static final int REPETITION_SEPARATOR = 1 << 7;

    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c;
            if (b >= '0' && b <= '9') {
                c = DIGIT;
            } else if (b >= 'A' && b <= 'Z') {
                c = UPPER;
            } else if (b >= 'a' && b <= 'z') {
                c = LOWER;
            } else if (" !\"&'()*+,-./:;?=".indexOf(b) >= 0) {
                c = BASIC_SPECIAL;
            } else if ("%@[]_{}\\|<>#$~^`".indexOf(b) >= 0) {
                c = EXTENDED_SPECIAL;
            } else {
                c = INVALID;
            }
            CLASS[b] = (byte) c;
        }
    }

    /**
     * One pass over element {@code i}, or its component {@code c} when {@code c > 0}: its length in bytes (the
     * low 16 bits, at most 65535) and, above them, the OR of the class bits ({@link #DIGIT} …
     * {@link #REPETITION_SEPARATOR}) of its bytes. 0 for an absent or empty value. Allocates nothing.
     */
    public int scan(int i, int c) {
        long r = c > 0 ? componentBounds(i, c) : bounds(i);
        if (r < 0) {
            return 0;
        }
        int from = (int) (r >>> 32);
        int to = (int) r;
        return (scanRange(from, to, c > 0) << 16) | Math.min(to - from, 0xffff);
    }

    /**
     * Element {@code i} (or its component {@code c} when {@code c > 0}) packed into a long for table look-ups:
     * the length in the top byte and up to seven bytes below it, first byte lowest; 0 when absent or empty, -1
     * when longer than seven bytes. Equal values give equal keys; see {@link #keyOf(String)}.
     */
    public long key(int i, int c) {
        long r = c > 0 ? componentBounds(i, c) : bounds(i);
        return r < 0 ? 0 : keyRange((int) (r >>> 32), (int) r);
    }

    /** The {@link #key} of an ASCII value of at most seven characters (-1 for a longer one, 0 for ""). */
    public static long keyOf(String value) {
        int n = value.length();
        if (n > 7) {
            return -1;
        }
        long k = (long) n << 56;
        for (int j = 0; j < n; j++) {
            k |= (long) (value.charAt(j) & 0xff) << (8 * j);
        }
        return k;
    }

    /** Compares element {@code i}, or its component {@code c} when {@code c > 0}, to an ASCII value. */
    public boolean valueIs(int i, int c, String value) {
        if (c <= 0) {
            return elementIs(i, value);
        }
        long r = componentBounds(i, c);
        return r < 0 ? value.isEmpty() : rangeIs((int) (r >>> 32), (int) r, value);
    }

    /** Element {@code i}, or its component {@code c} when {@code c > 0}, as a String ("" when absent). */
    public String value(int i, int c) {
        return c > 0 ? component(i, c) : element(i);
    }

    /** {@link #flags()}: a byte outside the X12 character sets (a control character, DEL, or above 127). */
    public static final int HAS_INVALID = 1;
    /** {@link #flags()}: the component separator appears somewhere in the segment. */
    public static final int HAS_COMPONENT = 2;
    /** {@link #flags()}: the repetition separator appears somewhere in the segment. */
    public static final int HAS_REPETITION = 4;

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * What the segment's bytes hold, eight at a time: {@link #HAS_INVALID}, {@link #HAS_COMPONENT},
     * {@link #HAS_REPETITION}. A validator checks each element's characters only when these say it must.
     */
    public int flags() {
        return (int) (charFlags() & FLAG_BITS);
    }

    /** The {@link #flags()} bits within {@link #charFlags()}. */
    public static final long FLAG_BITS = HAS_INVALID | HAS_COMPONENT | HAS_REPETITION;

    /**
     * {@link #flags()} in the low three bits and, above them, which elements may hold the component separator:
     * bit {@code 3 + min(i, 60)} for element {@code i} (so elements past the sixtieth share bit 63). A bit may be
     * set for an element that does not hold it (never the other way round), so a validator that sees the bit
     * looks at the element's bytes; one that does not see it knows the element holds no component separator. One
     * pass, eight bytes at a time, as {@link #flags()}; elements are located only for the words that hold one.
     */
    public long charFlags() {
        return chars != UNKNOWN_CHARS ? chars : scanChars();
    }

    /**
     * Not a {@link #charFlags()} value (an element bit without {@link #HAS_COMPONENT} never is): the segment
     * works them out when asked.
     */
    static final long UNKNOWN_CHARS = Long.MIN_VALUE;

    /**
     * {@link #charFlags()} from what the reader's eight-byte scan gathered: the OR of its invalid-byte and
     * repetition marks (high bits) and the element bits of component separators.
     */
    static long charFlagsOf(long invalid, long repetition, long components, byte repByte) {
        return flagsOf(invalid, components != 0 ? HIGHS : 0, repetition, repByte) | components;
    }

    /** {@link #charFlags()} by a pass of its own over the segment's bytes. */
    long scanChars() {
        long comp = (delimiters.component() & 0xffL) * ONES;
        byte repByte = delimiters.repetition();
        long rep = (repByte & 0xffL) * ONES;
        long invalid = 0;
        long hasRep = 0;
        long elements = 0;
        int k = off;
        int end = off + len;
        while (k < end) {
            long w;
            int at = k;
            if (k + 8 <= end) {
                w = (long) X12Reader.LONGS.get(data, k);
                k += 8;
            } else if (end - off >= 8) {
                // the last few bytes: the segment's own last eight
                at = end - 8;
                w = (long) X12Reader.LONGS.get(data, at);
                k = end;
            } else if (off + 8 <= data.length && !letterDelimiter()) {
                // a short segment: its bytes padded with a letter (no delimiter is a letter in practice)
                long mask = (1L << (8 * len)) - 1;
                w = ((long) X12Reader.LONGS.get(data, off) & mask) | (0x4141414141414141L & ~mask);
                k = end;
            } else {
                int tail = tailFlags(k, end);
                if ((tail & HAS_COMPONENT) != 0) {
                    elements |= componentElements(k, end);
                }
                return flagsOf(invalid, elements != 0 ? HIGHS : 0, hasRep, repByte) | tail | elements;
            }
            // a byte with its high bit set, one below 0x20, or 0x7F (each test exact as a whole)
            invalid |= w | ((w - 0x2020202020202020L) & ~w);
            long d = w ^ 0x7F7F7F7F7F7F7F7FL;
            invalid |= (d - ONES) & ~d;
            long c = w ^ comp;
            long cm = (c - ONES) & ~c & HIGHS;
            if (cm != 0) {
                elements |= wordElements(at, cm);
            }
            long r = w ^ rep;
            hasRep |= (r - ONES) & ~r;
        }
        return flagsOf(invalid, elements != 0 ? HIGHS : 0, hasRep, repByte) | elements;
    }

    /** Element bits ({@link #charFlags()}) of the bytes marked (high bit) in {@code marks}, a word at {@code at}. */
    private long wordElements(int at, long marks) {
        long bits = 0;
        while (marks != 0) {
            int b = at + (Long.numberOfTrailingZeros(marks) >>> 3);
            marks &= marks - 1;
            bits |= elementBit(b);
        }
        return bits;
    }

    /** Element bits of the component separators from offset {@code from} to {@code to}, byte by byte. */
    private long componentElements(int from, int to) {
        byte comp = delimiters.component();
        long bits = 0;
        for (int k = from; k < to; k++) {
            if (data[k] == comp) {
                bits |= elementBit(k);
            }
        }
        return bits;
    }

    /** The {@link #charFlags()} bit of the element that holds the byte at offset {@code b} (bit 3: the id). */
    private long elementBit(int b) {
        int rel = b - off;
        int i = 0;
        while (i < sepCount && seps[sepOff + i] < rel) {
            i++;
        }
        // i separators stand before the byte: it belongs to element i (0: the id)
        return 1L << (3 + Math.min(i, 60));
    }

    private static int flagsOf(long invalid, long hasComp, long hasRep, byte repByte) {
        return ((invalid & HIGHS) != 0 ? HAS_INVALID : 0) | ((hasComp & HIGHS) != 0 ? HAS_COMPONENT : 0)
                | (repByte != 0 && (hasRep & HIGHS) != 0 ? HAS_REPETITION : 0);
    }

    private boolean letterDelimiter() {
        return delimiters.component() == 'A' || delimiters.repetition() == 'A';
    }

    private int tailFlags(int from, int to) {
        byte comp = delimiters.component();
        byte rep = delimiters.repetition();
        int f = 0;
        for (int k = from; k < to; k++) {
            int b = data[k] & 0xff;
            if (b < 0x20 || b >= 0x7f) {
                f |= HAS_INVALID;
            } else if (b == (comp & 0xff)) {
                f |= HAS_COMPONENT;
            } else if (rep != 0 && b == (rep & 0xff)) {
                f |= HAS_REPETITION;
            }
        }
        return f;
    }

    /**
     * Element {@code i}'s start and end offsets in {@link #byteAtOffset}'s terms, packed (start in the high
     * int); -1 when the element is absent.
     */
    public long bounds(int i) {
        return i >= 1 && i <= sepCount ? ((long) start(i) << 32) | end(i) : -1;
    }

    /**
     * Splits element {@code i} into components in one pass: {@code out[2k]} and {@code out[2k + 1]} are the
     * offsets of component k + 1 (as {@link #bounds}); returns the number of components (0 when absent), at most
     * {@code out.length / 2} of them filled.
     */
    public int componentBounds(int i, int[] out) {
        if (i < 1 || i > sepCount) {
            return 0;
        }
        int s = start(i);
        int e = end(i);
        byte comp = delimiters.component();
        int n = 0;
        int cs = s;
        for (int k = s; k <= e; k++) {
            if (k == e || data[k] == comp) {
                if (2 * n + 1 < out.length) {
                    out[2 * n] = cs;
                    out[2 * n + 1] = k;
                }
                n++;
                cs = k + 1;
            }
        }
        return n;
    }

    /** The byte at an offset from {@link #bounds} or {@link #componentBounds}, 0 to 255. */
    public int byteAtOffset(int k) {
        return data[k] & 0xff;
    }

    /** {@link #scan} over offsets {@code from} to {@code to}; the component separator counts when {@code composite} is false. */
    public int scanRange(int from, int to, boolean composite) {
        byte comp = delimiters.component();
        byte rep = delimiters.repetition();
        int bits = 0;
        for (int k = from; k < to; k++) {
            byte b = data[k];
            if (b == comp && !composite) {
                bits |= COMPONENT_SEPARATOR;
            } else if (b == rep && rep != 0) {
                bits |= REPETITION_SEPARATOR;
            } else {
                bits |= CLASS[b & 0xff];
            }
        }
        return bits;
    }

    /**
     * The eight bytes from offset {@code from} ({@link #bounds}' terms) as one long, the first byte lowest; the
     * caller knows that the segment has eight bytes there.
     */
    public long eightAt(int from) {
        return (long) X12Reader.LONGS.get(data, from);
    }

    /** {@link #key} of the bytes from offset {@code from} to {@code to}. */
    public long keyRange(int from, int to) {
        int n = to - from;
        if (n > 7) {
            return -1;
        }
        if (n == 0) {
            return 0;
        }
        long k;
        if (from + 8 <= data.length) {
            long w = (long) X12Reader.LONGS.get(data, from);
            k = w & ((1L << (8 * n)) - 1);
        } else {
            k = 0;
            for (int j = 0; j < n; j++) {
                k |= (long) (data[from + j] & 0xff) << (8 * j);
            }
        }
        return k | ((long) n << 56);
    }

    /** True when element {@code i} of this segment and element {@code j} of {@code other} hold the same bytes. */
    public boolean sameValue(int i, Segment other, int j) {
        long a = bounds(i);
        long b = other.bounds(j);
        int an = a < 0 ? 0 : (int) a - (int) (a >>> 32);
        int bn = b < 0 ? 0 : (int) b - (int) (b >>> 32);
        if (an != bn) {
            return false;
        }
        return an == 0 || Arrays.equals(data, (int) (a >>> 32), (int) a, other.data, (int) (b >>> 32), (int) b);
    }

    /** True when the bytes from offset {@code from} to {@code to} are the ASCII value {@code v}. */
    public boolean rangeIs(int from, int to, String v) {
        if (to - from != v.length()) {
            return false;
        }
        for (int k = 0; k < v.length(); k++) {
            if (data[from + k] != (byte) v.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of digits of the bytes from offset {@code from} to {@code to} when they are one to eight digits
     * (and, when {@code point}, at most one '.' among them), read as one long; -1 for anything else, a sign or a
     * longer value included, which the caller then looks at byte by byte.
     */
    public int plainNumber(int from, int to, boolean point) {
        int n = to - from;
        if (n < 1 || n > 8 || from + 8 > data.length) {
            return -1;
        }
        long mask = n == 8 ? -1L : (1L << (8 * n)) - 1;
        // the bytes past the value read as '0'
        long w = ((long) X12Reader.LONGS.get(data, from) & mask) | (0x3030303030303030L & ~mask);
        int points = 0;
        if (point) {
            // bytes equal to '.' get their high bit, then become '0' (0x2E + 2)
            long dots = X12Reader.zeroBytes(w ^ 0x2E2E2E2E2E2E2E2EL);
            points = Long.bitCount(dots);
            if (points > 1) {
                return -1;
            }
            w += (dots >>> 7) * 2;
        }
        // every byte 0x30-0x39: high nibble 3, low nibble plus 6 below 16
        if ((w & 0xF0F0F0F0F0F0F0F0L) != 0x3030303030303030L
                || ((w & 0x0F0F0F0F0F0F0F0FL) + 0x0606060606060606L & 0x1010101010101010L) != 0) {
            return -1;
        }
        return n - points;
    }

    /** The digits from offset {@code from} to {@code to} as a number (at most 18), or -1 when any is not a digit. */
    public long digitsRange(int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            int d = data[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Number of components of element {@code i} as written (1 for a plain element, 0 when absent). */
    public int componentCount(int i) {
        if (!has(i)) {
            return 0;
        }
        int n = 1;
        byte comp = delimiters.component();
        for (int k = start(i); k < end(i); k++) {
            if (data[k] == comp) {
                n++;
            }
        }
        return n;
    }

    /** The segment as written, without its terminator. */
    public String text() {
        return new String(data, off, len, StandardCharsets.UTF_8);
    }

    /** The raw bytes of the segment, without its terminator (a copy). */
    public byte[] bytes() {
        return Arrays.copyOfRange(data, off, off + len);
    }

    /** Length in bytes without the terminator. */
    public int length() {
        return len;
    }

    /**
     * 0-based character column in {@link #text()} where element {@code i} starts; element 0 is the id.
     * For an element the sender omitted, the column just past the end of the segment.
     */
    public int column(int i) {
        if (i <= 0) {
            return 0;
        }
        if (i > sepCount) {
            return charCount(off, off + len) + 1;
        }
        return charCount(off, start(i));
    }

    /** Width in characters of element {@code i} (at least 1, so a caret always shows). */
    public int width(int i) {
        if (i <= 0) {
            return Math.max(1, id.length());
        }
        if (i > sepCount) {
            return 1;
        }
        return Math.max(1, charCount(start(i), end(i)));
    }

    /**
     * Column of component {@code c} of element {@code i} (for a caret); the element's column when {@code c} is
     * 0 or the component is absent.
     */
    public int column(int i, int c) {
        long r = c > 0 ? componentBounds(i, c) : -1;
        return r < 0 ? column(i) : charCount(off, (int) (r >>> 32));
    }

    /** Width of component {@code c} of element {@code i}, at least 1; the element's width when {@code c} is 0. */
    public int width(int i, int c) {
        if (c <= 0) {
            return width(i);
        }
        long r = componentBounds(i, c);
        return r < 0 ? 1 : Math.max(1, charCount((int) (r >>> 32), (int) r));
    }

    private int charCount(int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if ((data[k] & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "segment " + ordinal + " (" + id + ")";
    }
}
