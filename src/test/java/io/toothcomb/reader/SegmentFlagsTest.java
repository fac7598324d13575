package io.toothcomb.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Segment.flags() and charFlags(), which read eight bytes at a time, say what a byte-by-byte look says, at every
 * length: the validator skips the character checks of every element these say is clean.
 */
class SegmentFlagsTest {

    private static int naive(byte[] b, Delimiters d) {
        int f = 0;
        for (byte x : b) {
            int v = x & 0xff;
            if (v < 0x20 || v >= 0x7f) {
                f |= Segment.HAS_INVALID;
            } else if (x == d.component()) {
                f |= Segment.HAS_COMPONENT;
            } else if (d.repetition() != 0 && x == d.repetition()) {
                f |= Segment.HAS_REPETITION;
            }
        }
        return f;
    }

    @Test
    void flagsMatchALookAtEachByte() {
        Random r = new Random(7);
        byte[] alphabet = "ABCZ09 .-:^*\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);
        for (Delimiters d : new Delimiters[] {Delimiters.STANDARD,
                new Delimiters((byte) '|', (byte) '>', (byte) 0, (byte) '!')}) {
            for (int n = 2; n < 40; n++) {
                for (int trial = 0; trial < 200; trial++) {
                    byte[] b = new byte[n];
                    b[0] = 'N';
                    b[1] = 'M';
                    for (int i = 2; i < n; i++) {
                        b[i] = r.nextInt(4) == 0 ? (byte) (0xC0 + r.nextInt(64)) : alphabet[r.nextInt(alphabet.length)];
                        if (b[i] == d.element() || b[i] == d.segment()) {
                            b[i] = 'Q';
                        }
                    }
                    // the segment sits inside a bigger buffer, as the reader's do, with other bytes after it
                    byte[] buffer = new byte[n + 16];
                    System.arraycopy(b, 0, buffer, 3, n);
                    for (int i = 3 + n; i < buffer.length; i++) {
                        buffer[i] = (byte) (r.nextBoolean() ? 0x01 : d.component());
                    }
                    Segment s = new Segment(buffer, 3, n, new int[0], 0, 0, 1, 1, 0, d, true);
                    assertEquals(naive(b, d), s.flags(), new String(b, StandardCharsets.ISO_8859_1));
                    // and at the very end of its buffer, where no word may be read past it
                    Segment last = new Segment(b, 0, n, new int[0], 0, 0, 1, 1, 0, d, true);
                    assertEquals(naive(b, d), last.flags(), new String(b, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void everyElementHoldingTheComponentSeparatorIsMarked() {
        Random r = new Random(11);
        byte[] alphabet = "ABCZ09 .-:^*>|\u0001".getBytes(StandardCharsets.ISO_8859_1);
        for (Delimiters d : new Delimiters[] {Delimiters.STANDARD,
                new Delimiters((byte) '|', (byte) '>', (byte) 0, (byte) '!')}) {
            for (int n = 3; n < 80; n++) {
                for (int trial = 0; trial < 100; trial++) {
                    byte[] b = new byte[n];
                    b[0] = 'S';
                    b[1] = 'V';
                    b[2] = d.element();
                    int seps = 1;
                    for (int i = 3; i < n; i++) {
                        b[i] = r.nextInt(5) == 0 ? d.element() : alphabet[r.nextInt(alphabet.length)];
                        if (b[i] == d.segment()) {
                            b[i] = 'Q';
                        }
                        if (b[i] == d.element()) {
                            seps++;
                        }
                    }
                    int[] offsets = new int[seps];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (b[i] == d.element()) {
                            offsets[k++] = i;
                        }
                    }
                    byte[] buffer = new byte[n + 16];
                    System.arraycopy(b, 0, buffer, 5, n);
                    for (Segment s : new Segment[] {new Segment(buffer, 5, n, offsets, 0, seps, 1, 1, 0, d, true),
                            new Segment(b, 0, n, offsets, 0, seps, 1, 1, 0, d, true)}) {
                        long cf = s.charFlags();
                        String text = new String(b, StandardCharsets.ISO_8859_1);
                        assertEquals(naive(b, d), (int) (cf & Segment.FLAG_BITS), text);
                        for (int e = 1; e <= s.elementCount(); e++) {
                            long bound = s.bounds(e);
                            boolean holds = false;
                            for (int j = (int) (bound >>> 32); j < (int) bound; j++) {
                                holds |= s.byteAtOffset(j) == (d.component() & 0xff);
                            }
                            if (holds) {
                                assertTrue((cf & (1L << (3 + Math.min(e, 60)))) != 0, text + " element " + e);
                            }
                        }
                    }
                }
            }
        }
    }

    /** What the reader's scan gathers for charFlags() is what a look at each byte of each element says. */
    @Test
    void theReadersFlagsMatchALookAtEachByte() throws Exception {
        Random r = new Random(13);
        byte[] alphabet = "ABCZ09 .-:^*\r\n\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);
        for (int buffer : new int[] {300, 1 << 16}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            String isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501"
                    + "*000000001*0*T*:~";
            out.write(isa.getBytes(StandardCharsets.ISO_8859_1));
            for (int k = 0; k < 3000; k++) {
                int n = 2 + r.nextInt(70);
                out.write('N');
                out.write('M');
                for (int i = 0; i < n; i++) {
                    int x = r.nextInt(10);
                    out.write(x == 0 ? '*' : x == 1 ? (byte) (0xC0 + r.nextInt(64)) : alphabet[r.nextInt(alphabet.length)]);
                }
                out.write('~');
                if (r.nextInt(4) == 0) {
                    out.write('\n');
                }
            }
            byte[] bytes = out.toByteArray();
            Delimiters d = Delimiters.STANDARD;
            try (X12Reader reader = new X12Reader(new java.io.ByteArrayInputStream(bytes), "t.edi", buffer)) {
                Segment s;
                while ((s = reader.next()) != null) {
                    long cf = s.charFlags();
                    long own = s.scanChars();
                    String text = s.text();
                    assertEquals(own & Segment.FLAG_BITS, cf & Segment.FLAG_BITS, text);
                    long exact = 0;
                    for (int e = s.elementCount() == 0 ? 1 : 0; e <= s.elementCount(); e++) {
                        // element 0: the id, which ends where element 1 starts, at its separator
                        long bound = s.bounds(e == 0 ? 1 : e);
                        int to = e == 0 ? (int) (bound >>> 32) - 1 : (int) bound;
                        int from = e == 0 ? to - s.id().length() : (int) (bound >>> 32);
                        for (int j = from; j < to; j++) {
                            if (s.byteAtOffset(j) == (d.component() & 0xff)) {
                                exact |= 1L << (3 + Math.min(e, 60));
                            }
                        }
                    }
                    // every element that holds one is marked; the scan of its own marks those and maybe more
                    assertEquals(exact, exact & cf & ~Segment.FLAG_BITS, text);
                    assertEquals(cf & ~Segment.FLAG_BITS, cf & own & ~Segment.FLAG_BITS, text);
                }
            }
        }
    }
    /** plainNumber as its definition says it, one byte at a time. */
    private static int naiveNumber(byte[] b, boolean point) {
        if (b.length < 1 || b.length > 8) {
            return -1;
        }
        int points = 0;
        for (byte x : b) {
            if (x == '.' && point) {
                points++;
            } else if (x < '0' || x > '9') {
                return -1;
            }
        }
        return points > 1 ? -1 : b.length - points;
    }

    /**
     * Segment.plainNumber, which the validator takes an amount or a count for clean by, reads eight bytes at once:
     * it agrees with a look at each byte for every length and mix of digits, points, signs and the bytes either
     * side of '0' and '9', inside a buffer and at its very end.
     */
    @Test
    void plainNumbersMatchALookAtEachByte() {
        Random r = new Random(17);
        byte[] alphabet = "0123456789..-/:+ A\u00b9".getBytes(StandardCharsets.ISO_8859_1);
        int accepted = 0;
        for (int n = 0; n <= 10; n++) {
            for (int trial = 0; trial < 3000; trial++) {
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = r.nextInt(3) > 0 ? (byte) ('0' + r.nextInt(10)) : alphabet[r.nextInt(alphabet.length)];
                }
                byte[] buffer = new byte[n + 12];
                System.arraycopy(b, 0, buffer, 2, n);
                for (int i = 2 + n; i < buffer.length; i++) {
                    buffer[i] = (byte) (r.nextBoolean() ? '.' : 'x');
                }
                Segment in = new Segment(buffer, 0, buffer.length, new int[0], 0, 0, 1, 1, 0, Delimiters.STANDARD, true);
                byte[] tight = new byte[n + 3];
                System.arraycopy(b, 0, tight, 3, n);
                Segment atEnd = new Segment(tight, 0, tight.length, new int[0], 0, 0, 1, 1, 0, Delimiters.STANDARD,
                        true);
                String shown = new String(b, StandardCharsets.ISO_8859_1);
                for (boolean point : new boolean[] {false, true}) {
                    int expected = naiveNumber(b, point);
                    accepted += expected > 0 ? 1 : 0;
                    assertEquals(expected, in.plainNumber(2, 2 + n, point), shown + " point " + point);
                    // no word may be read past the buffer: the end of a buffer is left to the byte-by-byte check
                    int last = atEnd.plainNumber(3, 3 + n, point);
                    assertTrue(last == expected || last == -1 && n > 0, shown + " at the end, point " + point);
                }
            }
        }
        assertTrue(accepted > 10_000, "the trials hold plain numbers: " + accepted);
    }
}
