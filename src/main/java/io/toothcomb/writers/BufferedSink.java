package io.toothcomb.writers;

import io.toothcomb.reader.ByteSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A 16 KB buffer in front of an output stream, into which segments copy their bytes as read
 * ({@link io.toothcomb.reader.Segment#copyTo}); the byte writers (the listing, the forwarded 837s) build on it.
 * Not thread-safe: one per output.
 */
abstract class BufferedSink implements ByteSink {
    final OutputStream out;
    final byte[] buf = new byte[1 << 14];
    int len;

    BufferedSink(OutputStream out) {
        this.out = out;
    }

    final void put(byte b) throws IOException {
        if (len == buf.length) {
            flushBuffer();
        }
        buf[len++] = b;
    }

    final void bytes(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public final void write(byte[] b, int off, int n) {
        try {
            if (len + n > buf.length) {
                flushBuffer();
                if (n > buf.length) {
                    out.write(b, off, n);
                    return;
                }
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final void flushBuffer() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    final void flush() throws IOException {
        flushBuffer();
        out.flush();
    }
}
