package io.toothcomb.writers;

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
    /** What is held in memory: {@code memory[0..held)} (not a ByteArrayOutputStream, whose every call locks). */
    private byte[] memory = new byte[1 << 14];
    private int held;
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
        if (held + len > MEMORY_LIMIT) {
            file = Files.createTempFile("toothcomb-spool-", ".tmp");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            fileOut.write(memory, 0, held);
            held = 0;
            fileOut.write(b, off, len);
            return;
        }
        if (held + len > memory.length) {
            memory = java.util.Arrays.copyOf(memory, Math.min(MEMORY_LIMIT, Math.max(memory.length * 2, held + len)));
        }
        System.arraycopy(b, off, memory, held, len);
        held += len;
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
        } else {
            out.write(memory, 0, held);
        }
        held = 0;
    }

    /** Throws away what was written. */
    void discard() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
            fileOut = null;
            file = null;
        }
        held = 0;
    }

    @Override
    public void close() throws IOException {
        discard();
    }
}
