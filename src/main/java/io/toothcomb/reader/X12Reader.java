package io.toothcomb.reader;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streaming pull reader of X12 segments, in the manner of StAX: call {@link #next()} until it returns null.
 *
 * <p>Delimiters are read from each ISA (so one file may hold interchanges with different delimiters); any
 * legal delimiter bytes work, and line breaks, spaces and tabs between segments are skipped. Memory is one buffer of a fixed size
 * plus the segment being handed out, whatever the size of the file. The reader knows nothing of 837D.
 */
public final class X12Reader implements Closeable {
    /** No real segment is this long; a longer one means the terminator is missing. */
    public static final int MAX_SEGMENT_BYTES = 1 << 20;
    private static final int ISA_LENGTH = 106;

    private final InputStream in;
    private final String source;
    private byte[] buf;
    private int pos;
    private int limit;
    private long bufOffset;
    private boolean eof;
    /** A segment handed out points into {@link #buf}, so its bytes must stay where they are. */
    private boolean handedOut;
    private int line = 1;
    private int ordinal;
    private Delimiters delimiters;
    /** Element separator offsets of the segments handed out, many segments to one array. */
    private int[] seps = new int[SEP_SLAB];
    private int sepsUsed;
    /**
     * Separator offsets of the segment being scanned; copied into {@link #seps} when it is handed out (writing
     * into the shared array from the scan loop made the loop slower than the copy costs).
     */
    private int[] scratch = new int[64];
    private static final int SEP_SLAB = 4096;
    /** Bytes the buffer is topped up to before a segment is scanned: more than any usual segment. */
    private static final int LOOKAHEAD = 2048;

    public X12Reader(InputStream in, String source) {
        this(in, source, 1 << 16);
    }

    public X12Reader(InputStream in, String source, int bufferSize) {
        this.in = in;
        this.source = source;
        this.buf = new byte[Math.max(256, bufferSize)];
    }

    /**
     * A reader for part of a file that starts at a segment: {@code in} gives the bytes from {@code offset} on,
     * read with {@code delimiters}; the first segment is number {@code ordinalBefore + 1} and starts on
     * {@code line}. Segments then carry the numbers, lines and offsets they have in the whole file.
     */
    public X12Reader(InputStream in, String source, Delimiters delimiters, int ordinalBefore, int line, long offset) {
        this(in, source, 1 << 16);
        this.delimiters = delimiters;
        this.ordinal = ordinalBefore;
        this.line = line;
        this.bufOffset = offset;
    }

    /** Segments handed out or skipped so far (the number of the last one). */
    public int ordinal() {
        return ordinal;
    }

    /**
     * Skips the rest of a transaction set whose ST {@link #next()} has just returned, through its SE, without
     * making segments: only terminators and line breaks are looked at. Segment numbers and lines count on as if
     * each segment had been read. Returns the offset just past the SE's terminator; or -1 when the set is not
     * plainly delimited: an ST, GS, GE, ISA or IEA comes before an SE, a segment is longer than
     * {@link #MAX_SEGMENT_BYTES}, or the input ends first. After -1 the reader's position is undefined.
     */
    public long skipTransactionSet() throws IOException {
        final byte term = delimiters.segment();
        final byte elem = delimiters.element();
        while (true) {
            if (!skipLineBreaks()) {
                return -1;
            }
            if (limit - pos < LOOKAHEAD && !eof) {
                ensure(LOOKAHEAD);
            }
            int kind = idKind(elem, term);
            if (kind == ENVELOPE) {
                return -1;
            }
            int i = pos;
            int newlines = 0;
            while (true) {
                int stop = Math.min(limit, pos + MAX_SEGMENT_BYTES + 1);
                byte[] b = buf;
                if (term != '\n') {
                    final long terms = broadcast(term);
                    while (i + 8 <= stop) {
                        long w = (long) LONGS.get(b, i);
                        long mt = zeroBytes(w ^ terms);
                        long mn = zeroBytes(w ^ NEWLINES);
                        if (mt != 0) {
                            newlines += Long.bitCount(mn & below(mt));
                            i += Long.numberOfTrailingZeros(mt) >>> 3;
                            break;
                        }
                        newlines += Long.bitCount(mn);
                        i += 8;
                    }
                }
                while (i < stop) {
                    byte c = b[i];
                    if (c == term) {
                        break;
                    }
                    if (c == '\n') {
                        newlines++;
                    }
                    i++;
                }
                if (i < limit && b[i] == term && i - pos <= MAX_SEGMENT_BYTES) {
                    break;
                }
                if (i - pos > MAX_SEGMENT_BYTES) {
                    return -1;
                }
                int rel = i - pos;
                if (!fill()) {
                    return -1;
                }
                i = pos + rel;
            }
            ordinal++;
            line += newlines;
            pos = i + 1;
            if (term == '\n') {
                line++;
            }
            if (kind == SE) {
                return bufOffset + pos;
            }
        }
    }

    /**
     * Skips what senders put between segments (counting lines): line breaks (CR, LF, CRLF), and spaces and tabs,
     * also before a segment id (indented segments); and a byte order mark before the first segment. False at the
     * end of the input. A segment never starts with a space or a tab, so skipping them loses nothing; the one
     * exception is a space or tab that is itself the segment terminator, which is left alone.
     */
    private boolean skipLineBreaks() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return false;
            }
            byte b = buf[pos];
            if (b == '\n') {
                line++;
                pos++;
            } else if (b == '\r' || ((b == ' ' || b == '\t') && (delimiters == null || delimiters.segment() != b))) {
                pos++;
            } else if (ordinal == 0 && (b & 0xff) == 0xEF && ensure(3) && (buf[pos + 1] & 0xff) == 0xBB
                    && (buf[pos + 2] & 0xff) == 0xBF) {
                pos += 3;
            } else {
                return true;
            }
        }
    }

    private static final int OTHER = 0;
    private static final int SE = 1;
    private static final int ENVELOPE = 2;

    /** What the segment at pos is to {@link #skipTransactionSet}, by its id. */
    private int idKind(byte elem, byte term) {
        int n = 0;
        while (n < 4 && pos + n < limit && buf[pos + n] != elem && buf[pos + n] != term) {
            n++;
        }
        if (n >= 3 && buf[pos] == 'I' && buf[pos + 1] == 'S' && buf[pos + 2] == 'A') {
            return ENVELOPE; // next() takes any segment starting ISA for an interchange header
        }
        if (n == 2) {
            byte a = buf[pos];
            byte b = buf[pos + 1];
            if (a == 'S' && b == 'E') {
                return SE;
            }
            if ((a == 'S' && b == 'T') || (a == 'G' && (b == 'S' || b == 'E'))) {
                return ENVELOPE;
            }
        } else if (n == 3 && buf[pos] == 'I' && buf[pos + 1] == 'E' && buf[pos + 2] == 'A') {
            return ENVELOPE;
        }
        return OTHER;
    }

    /** The delimiters of the interchange being read, or null before the first ISA. */
    public Delimiters delimiters() {
        return delimiters;
    }

    /** Bytes consumed so far (for progress reports). */
    public long position() {
        return bufOffset + pos;
    }

    public String source() {
        return source;
    }

    /**
     * The next segment, or null at the end of the input.
     *
     * @throws X12Exception when the input is not X12 (no ISA where one must be, unreadable ISA, runaway segment)
     */
    public Segment next() throws IOException, X12Exception {
        if (!skipLineBreaks()) {
            return null;
        }
        if (limit - pos < 4 || buf[pos] == 'I') {
            // all of the window readIsaDelimiters looks at (other segments need no look-ahead)
            ensure(ISA_LENGTH + 72);
        }
        if (limit - pos >= 4 && buf[pos] == 'I' && buf[pos + 1] == 'S' && buf[pos + 2] == 'A') {
            delimiters = readIsaDelimiters();
        } else if (delimiters == null) {
            throw new X12Exception(source, ordinal + 1, bufOffset + pos, notX12(buf, pos, limit));
        }
        return scanSegment();
    }

    /**
     * Why bytes that should start an interchange do not: what they look like (gzip, zip, PDF, UTF-16 text, XML,
     * EDIFACT), else the first few characters when they are plain ASCII letters, digits or marks, or their
     * bytes in hex. The few characters shown are not enough to carry a name or a member id.
     */
    static String notX12(byte[] b, int from, int to) {
        int n = to - from;
        String what;
        if (n >= 2 && (b[from] & 0xff) == 0x1f && (b[from + 1] & 0xff) == 0x8b) {
            what = "it is gzip data: unzip it first (gunzip) and scrub the file inside";
        } else if (n >= 4 && b[from] == 'P' && b[from + 1] == 'K' && b[from + 2] == 3 && b[from + 3] == 4) {
            what = "it is a zip archive: unzip it first and scrub the files inside";
        } else if (n >= 2 && ((b[from] & 0xff) == 0xfe && (b[from + 1] & 0xff) == 0xff
                || (b[from] & 0xff) == 0xff && (b[from + 1] & 0xff) == 0xfe)) {
            what = "it is UTF-16 text: save it as ASCII or UTF-8 and scrub it again";
        } else if (n >= 4 && b[from] == '%' && b[from + 1] == 'P' && b[from + 2] == 'D' && b[from + 3] == 'F') {
            what = "it starts with %PDF, not ISA: it is a PDF document, not an X12 file";
        } else if (n >= 3 && b[from] == 'U' && b[from + 1] == 'N' && (b[from + 2] == 'A' || b[from + 2] == 'B')) {
            what = "it starts with UN" + (char) b[from + 2] + ", not ISA: it looks like EDIFACT, not X12";
        } else if (n >= 1 && b[from] == '<') {
            what = "it starts with <, not ISA: it looks like XML or HTML, not X12";
        } else {
            StringBuilder text = new StringBuilder();
            boolean plain = true;
            for (int i = from; i < Math.min(to, from + 4); i++) {
                int c = b[i] & 0xff;
                plain &= c >= 0x21 && c < 0x7f;
                text.append((char) c);
            }
            if (!plain) {
                text.setLength(0);
                text.append("bytes");
                for (int i = from; i < Math.min(to, from + 4); i++) {
                    text.append(String.format(" %02x", b[i] & 0xff));
                }
            }
            what = "it starts with " + text + ", not ISA";
        }
        return "not an X12 interchange: " + what + " (an 837 file starts with the ISA segment)";
    }

    private Delimiters readIsaDelimiters() throws X12Exception {
        byte elem = buf[pos + 3];
        if (Character.isLetterOrDigit(elem) || elem == ' ') {
            throw new X12Exception(source, ordinal + 1, bufOffset + pos,
                    "ISA: element separator at position 4 is '" + (char) elem + "', which cannot be a delimiter");
        }
        int seen = 0;
        int i = pos + 3;
        int isa11Start = -1;
        int isa11End = -1;
        int isa12Start = -1;
        int max = Math.min(limit, pos + ISA_LENGTH + 64);
        for (; i < max; i++) {
            if (buf[i] == elem) {
                seen++;
                if (seen == 11) {
                    isa11Start = i + 1;
                } else if (seen == 12) {
                    isa11End = i;
                    isa12Start = i + 1;
                } else if (seen == 16) {
                    break;
                }
            }
        }
        if (seen < 16 || i + 2 >= limit) {
            throw new X12Exception(source, ordinal + 1, bufOffset + pos,
                    "ISA: the segment is incomplete (fewer than 16 elements or no terminator after ISA16)");
        }
        byte component = buf[i + 1];
        byte terminator = buf[i + 2];
        byte repetition = 0;
        if (isa11End - isa11Start == 1) {
            byte r = buf[isa11Start];
            boolean version5 = isa12Start + 5 <= limit && buf[isa12Start] == '0' && buf[isa12Start + 1] == '0'
                    && (buf[isa12Start + 2] > '4' || (buf[isa12Start + 2] == '4' && buf[isa12Start + 3] >= '0'));
            if (version5 && !Character.isLetterOrDigit(r)) {
                repetition = r;
            }
        }
        if (terminator == elem || terminator == component || component == elem) {
            throw new X12Exception(source, ordinal + 1, bufOffset + pos,
                    "ISA: delimiters are not distinct (element '" + (char) elem + "', component '" + (char) component
                            + "', terminator '" + (char) terminator + "')");
        }
        return new Delimiters(elem, component, repetition, terminator);
    }

    /**
     * Scans the segment at pos. The usual segment lies wholly in the buffer (the buffer is topped up to
     * {@link #LOOKAHEAD} bytes first), so this loop never reads input; a segment that runs past the end of the
     * buffer continues in {@link #scanLong}.
     */
    private Segment scanSegment() throws IOException, X12Exception {
        if (limit - pos < LOOKAHEAD && !eof) {
            ensure(LOOKAHEAD);
        }
        final byte term = delimiters.segment();
        final int p = pos;
        final int stop = Math.min(limit, p + MAX_SEGMENT_BYTES + 1);
        runInvalid = 0;
        runRepetition = 0;
        runComponents = 0;
        runExact = true;
        int i = scanRun(buf, p, stop, p, 0, 0);
        int n = runSeparators;
        int newlines = runNewlines;
        if (i == stop) {
            return scanLong(i, n, newlines);
        }
        Segment s = emit(i - p, n, line, true, newlines);
        pos++; // the terminator
        if (term == '\n') {
            line++;
        }
        return s;
    }

    /** Separators and newlines counted by the last {@link #scanRun} (written once per run, not per byte). */
    private int runSeparators;
    private int runNewlines;
    /**
     * What the bytes of the segment being scanned hold, gathered in {@link #scanRun}'s eight-byte pass, for
     * {@link Segment#charFlags()}: bytes outside the character set, repetition separators (high bits of their
     * bytes), and the element bits of component separators; {@link #runExact} false when some bytes were looked
     * at one by one, so that the segment works them out itself.
     */
    private long runInvalid;
    private long runRepetition;
    private long runComponents;
    private boolean runExact;

    /**
     * Scans {@code b[i..stop)} up to the segment terminator: notes each element separator's offset from the
     * segment start {@code p} in {@code scratch}, counts newlines, and returns where it stopped (the terminator,
     * or {@code stop}). The counts go on from {@code n} and {@code newlines}; the totals are left in
     * {@link #runSeparators} and {@link #runNewlines}.
     */
    private int scanRun(byte[] b, int i, int stop, int p, int n, int newlines) {
        final byte term = delimiters.segment();
        final byte elem = delimiters.element();
        if (term != '\n' && elem != '\n') {
            // eight bytes at a time: most words of a segment hold no delimiter and no line break
            final long terms = broadcast(term);
            final long elems = broadcast(elem);
            // and what Segment#charFlags says of them, on the same words
            final long comps = broadcast(delimiters.component());
            final long reps = broadcast(delimiters.repetition());
            long invalid = 0;
            long repeated = 0;
            while (i + 8 <= stop) {
                long w = (long) LONGS.get(b, i);
                long mt = zeroBytes(w ^ terms);
                long me = zeroBytes(w ^ elems);
                long mn = zeroBytes(w ^ NEWLINES);
                long mc = zeroBytes(w ^ comps);
                // a byte with its high bit set, one below 0x20, or 0x7F
                long bad = w | ~((w & LOWS) + BELOW_SPACE) | zeroBytes(w ^ DELS);
                long mr = zeroBytes(w ^ reps);
                if ((mt | me | mn | mc) == 0) {
                    invalid |= bad;
                    repeated |= mr;
                    i += 8;
                    continue;
                }
                if (mt != 0) {
                    long before = below(mt);
                    me &= before;
                    mn &= before;
                    mc &= before;
                    bad &= before;
                    mr &= before;
                }
                invalid |= bad;
                repeated |= mr;
                if (mc != 0) {
                    runComponents |= componentElements(mc, me, n);
                }
                newlines += Long.bitCount(mn);
                while (me != 0) {
                    if (n == scratch.length) {
                        scratch = Arrays.copyOf(scratch, n * 2);
                    }
                    scratch[n++] = i + (Long.numberOfTrailingZeros(me) >>> 3) - p;
                    me &= me - 1;
                }
                if (mt != 0) {
                    runSeparators = n;
                    runNewlines = newlines;
                    runInvalid |= invalid;
                    runRepetition |= repeated;
                    return i + (Long.numberOfTrailingZeros(mt) >>> 3);
                }
                i += 8;
            }
            runInvalid |= invalid;
            runRepetition |= repeated;
        }
        if (i < stop) {
            runExact = false;
        }
        while (i < stop) {
            byte c = b[i];
            if (c == term) {
                break;
            }
            if (c == elem) {
                if (n == scratch.length) {
                    scratch = Arrays.copyOf(scratch, n * 2);
                }
                scratch[n++] = i - p;
            } else if (c == '\n') {
                newlines++;
            }
            i++;
        }
        runSeparators = n;
        runNewlines = newlines;
        return i;
    }

    /**
     * Reads eight bytes as a long, the first byte lowest (so that trailing zeros count bytes from the first); the
     * reader's scans and {@link Segment#eightBytes} read with it.
     */
    static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to a byte's low seven bits, carries into its high bit exactly when they are 0x20 or more. */
    private static final long BELOW_SPACE = 0x6060606060606060L;
    private static final long DELS = 0x7F7F7F7F7F7F7F7FL;

    /**
     * {@link Segment#charFlags()}'s element bits of the component separators marked in {@code mc} (a
     * {@link #zeroBytes} result), in a word whose element separators are marked in {@code me}, {@code n}
     * separators having come before the word.
     */
    private static long componentElements(long mc, long me, int n) {
        long bits = 0;
        while (mc != 0) {
            int at = Long.numberOfTrailingZeros(mc) & ~7;
            mc &= mc - 1;
            int element = n + Long.bitCount(me & ((1L << at) - 1));
            bits |= 1L << (3 + Math.min(element, 60));
        }
        return bits;
    }
    private static final long NEWLINES = broadcast((byte) '\n');

    private static long broadcast(byte b) {
        return (b & 0xffL) * 0x0101010101010101L;
    }

    /** The high bit of every byte of {@code x} that is zero, and no other bit (no borrow between bytes). */
    static long zeroBytes(long x) {
        return ~(((x & LOWS) + LOWS) | x | LOWS);
    }

    /** The bits of the bytes before the first byte marked in {@code marks} (a {@link #zeroBytes} result). */
    private static long below(long marks) {
        return (1L << (Long.numberOfTrailingZeros(marks) & ~7)) - 1;
    }

    /** Goes on with a segment that did not end in the buffer: reads more input as needed. */
    private Segment scanLong(int i, int n, int newlines) throws IOException, X12Exception {
        final byte term = delimiters.segment();
        int startLine = line;
        while (true) {
            if (i - pos > MAX_SEGMENT_BYTES) {
                throw new X12Exception(source, ordinal + 1, bufOffset + pos,
                        "segment longer than " + MAX_SEGMENT_BYTES + " bytes: the segment terminator '"
                                + delimiters.segmentChar() + "' is missing");
            }
            int rel = i - pos;
            if (!fill()) {
                // end of input inside a segment
                int len = limit - pos;
                if (len == 0) {
                    return null;
                }
                return emit(len, n, startLine, false, newlines);
            }
            i = pos + rel;
            // scan up to the end of the buffer, or to the byte past which a segment is too long
            final int stop = Math.min(limit, pos + MAX_SEGMENT_BYTES + 1);
            i = scanRun(buf, i, stop, pos, n, newlines);
            n = runSeparators;
            newlines = runNewlines;
            if (i < stop) {
                break; // the terminator
            }
        }
        Segment s = emit(i - pos, n, startLine, true, newlines);
        pos++; // the terminator
        if (term == '\n') {
            line++;
        }
        return s;
    }

    private Segment emit(int len, int n, int startLine, boolean terminated, int newlines) {
        // a segment whose text ends in CR (CRLF after a newline terminator, or stray CR) keeps no CR
        int effective = len;
        while (effective > 0 && (buf[pos + effective - 1] == '\r' || (!terminated && buf[pos + effective - 1] == '\n'))) {
            effective--;
        }
        int count = n;
        while (count > 0 && scratch[count - 1] >= effective) {
            count--;
        }
        long offset = bufOffset + pos;
        ordinal++;
        int base = sepsUsed;
        if (base + count > seps.length) {
            seps = new int[Math.max(SEP_SLAB, count)];
            base = 0;
        }
        System.arraycopy(scratch, 0, seps, base, count);
        sepsUsed = base + count;
        // the characters' flags from the scan, where it looked at exactly the segment's bytes eight at a time
        long chars = runExact && effective == len
                ? Segment.charFlagsOf(runInvalid, runRepetition, runComponents, delimiters.repetition())
                : Segment.UNKNOWN_CHARS;
        Segment s = new Segment(buf, pos, effective, seps, base, count, ordinal, startLine, offset, delimiters,
                terminated, chars);
        handedOut = true;
        pos += len;
        line += newlines;
        return s;
    }

    /** Makes at least {@code need} bytes available from pos, if the input has them. */
    private boolean ensure(int need) throws IOException {
        while (limit - pos < need) {
            if (!fill()) {
                return limit - pos >= need;
            }
        }
        return true;
    }

    /**
     * Reads more input, keeping bytes from pos on; false when nothing more could be read. Bytes before
     * {@code limit} are never overwritten, since segments already handed out point into the buffer: when the
     * buffer is full, the unread rest moves to a new one.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (limit == buf.length && !handedOut && pos > 0) {
            // no segment points into this buffer (a skipped set): move the unread rest to its start
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            bufOffset += pos;
            limit = keep;
            pos = 0;
        } else if (limit == buf.length) {
            handedOut = false;
            int keep = limit - pos;
            byte[] fresh = new byte[keep * 2 > buf.length ? buf.length * 2 : buf.length];
            System.arraycopy(buf, pos, fresh, 0, keep);
            buf = fresh;
            bufOffset += pos;
            limit = keep;
            pos = 0;
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
            return false;
        }
        limit += r;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
