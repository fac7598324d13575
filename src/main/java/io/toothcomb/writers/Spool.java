package io.toothcomb.writers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes written now and copied into the real output later (the 277CA totals come before the claims they
 * count). Kept in memory up to a limit, then spilled to a temporary file, so memory stays flat.
 */
final class Spool extends OutputStream {
    private static final int MEMORY_LIMIT = 4 << 20;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(1 << 14);
    private Path file;
    private OutputStream fileOut;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        if (memory.size() + len > MEMORY_LIMIT) {
            file = Files.createTempFile("toothcomb-spool-", ".tmp");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            memory.writeTo(fileOut);
            memory = null;
            fileOut.write(b, off, len);
            return;
        }
        memory.write(b, off, len);
    }

    /** Copies everything written into {@code out} and empties the spool. */
    void drainTo(OutputStream out) throws IOException {
        if (fileOut != null) {
            fileOut.close();
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
            Files.deleteIfExists(file);
            fileOut = null;
            file = null;
            memory = new ByteArrayOutputStream(1 << 14);
        } else {
            memory.writeTo(out);
            memory.reset();
        }
    }

    /** Throws away what was written. */
    void discard() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
            fileOut = null;
            file = null;
            memory = new ByteArrayOutputStream(1 << 14);
        } else {
            memory.reset();
        }
    }

    @Override
    public void close() throws IOException {
        discard();
    }
}
