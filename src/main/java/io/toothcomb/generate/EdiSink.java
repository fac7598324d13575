package io.toothcomb.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level X12 writer over a {@link java.io.BufferedOutputStream}. Delimiters are fixed to {@code * : ~} with a
 * line feed after every segment terminator. Appends go into a private chunk that is handed to the stream whole, so the
 * hot loop does no per-byte synchronisation, no String formatting and no allocation.
 */
final class EdiSink {

    static final byte ELEMENT = '*';
    static final byte COMPONENT = ':';
    static final byte TERMINATOR = '~';

    private static final int CHUNK = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[CHUNK];
    private int pos;
    private long flushedBytes;
    private long segments;

    EdiSink(OutputStream out) {
        this.out = out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Segments ended so far. */
    long segments() {
        return segments;
    }

    /** Bytes appended so far. */
    long bytes() {
        return flushedBytes + pos;
    }

    private void ensure(int n) throws IOException {
        if (buf.length - pos < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            flushedBytes += pos;
            pos = 0;
        }
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Raw bytes, e.g. a segment tag at the start of a segment. */
    void raw(byte[] a) throws IOException {
        if (a.length > buf.length - pos) {
            drain();
            if (a.length > buf.length) {
                out.write(a);
                flushedBytes += a.length;
                return;
            }
        }
        System.arraycopy(a, 0, buf, pos, a.length);
        pos += a.length;
    }

    void raw(byte b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = b;
    }

    /** Starts a segment: writes its tag. */
    void seg(byte[] tag) throws IOException {
        raw(tag);
    }

    /** An empty element (just the separator). */
    void el() throws IOException {
        raw(ELEMENT);
    }

    void el(byte[] value) throws IOException {
        raw(ELEMENT);
        raw(value);
    }

    /** A composite component following the previous component. */
    void comp(byte[] value) throws IOException {
        raw(COMPONENT);
        raw(value);
    }

    void comp(byte value) throws IOException {
        ensure(2);
        buf[pos++] = COMPONENT;
        buf[pos++] = value;
    }

    void elNum(long v) throws IOException {
        raw(ELEMENT);
        num(v);
    }

    /** Element with a zero-padded number of exactly {@code width} digits (more if the value needs them). */
    void elPad(long v, int width) throws IOException {
        raw(ELEMENT);
        pad(v, width);
    }

    /** Element holding an amount in cents as {@code dollars.cc}. */
    void elMoney(long cents) throws IOException {
        raw(ELEMENT);
        num(cents / 100);
        ensure(3);
        int c = (int) (cents % 100);
        buf[pos++] = '.';
        buf[pos++] = (byte) ('0' + c / 10);
        buf[pos++] = (byte) ('0' + c % 10);
    }

    void num(long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        ensure(20);
        if (v == 0) {
            buf[pos++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    void pad(long v, int width) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        int digits = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            digits++;
        }
        ensure(Math.max(width, digits));
        for (int i = digits; i < width; i++) {
            buf[pos++] = '0';
        }
        num(v);
    }

    /** Ends a segment: terminator and line feed. */
    void end() throws IOException {
        ensure(2);
        buf[pos++] = TERMINATOR;
        buf[pos++] = '\n';
        segments++;
    }
}
