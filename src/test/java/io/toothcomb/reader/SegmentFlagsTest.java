package io.toothcomb.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Segment.flags(), which reads eight bytes at a time, says what a byte-by-byte look says, at every length. */
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
}
