package io.toothcomb.writers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file that appears under its final name complete or not at all: written to a hidden temporary name in
 * the same folder, forced to disk, then renamed atomically. Nobody ever sees a half-written output.
 *
 * <p>A big output is pushed to disk while it is written: every {@value #WRITEBACK_EVERY} bytes, a shared
 * background thread forces what has been written so far. Left to the end, the disk writes of a 1 GB output
 * are a wait of half a second after all the work is done; started early, they overlap the work, and the
 * force in {@link #commit()} has only the last few megabytes to write.
 */
public final class AtomicOutput implements AutoCloseable {
    /** Bytes written between two background forces. */
    static final int WRITEBACK_EVERY = 32 << 20;
    private static final ExecutorService WRITEBACK = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "toothcomb-writeback");
        t.setDaemon(true);
        return t;
    });

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private long unforced;
    private Future<?> writeback;
    private boolean done;

    public AtomicOutput(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
        this.out = new BufferedOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                file.write(b, off, len);
                AtomicOutput.this.unforced += len;
                if (AtomicOutput.this.unforced >= WRITEBACK_EVERY) {
                    AtomicOutput.this.startWriteback();
                }
            }
        }, 1 << 16) {
            @Override
            public void close() throws IOException {
                flush(); // the channel is closed by commit/abort
            }
        };
    }

    public Path target() {
        return target;
    }

    /** Where to write; do not close it, call {@link #commit()} or {@link #abort()}. */
    public OutputStream stream() {
        return out;
    }

    /** Starts forcing what is written so far, unless the previous background force is still running. */
    private void startWriteback() {
        if (writeback != null && !writeback.isDone()) {
            return;
        }
        unforced = 0;
        writeback = WRITEBACK.submit(() -> {
            try {
                channel.force(false);
            } catch (IOException ignored) {
                // only a head start: commit() forces again and reports any failure; abort() may close it
            }
        });
    }

    /** Flushes, forces to disk and moves the file into place. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        out.flush();
        awaitWriteback();
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    private void awaitWriteback() throws IOException {
        if (writeback == null) {
            return;
        }
        try {
            writeback.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while forcing " + target.getFileName());
        } catch (ExecutionException e) {
            throw new IOException("could not force " + target.getFileName() + " to disk", e.getCause());
        }
    }

    /** Throws the partial file away. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        if (writeback != null) {
            writeback.cancel(false); // a force already running ends when the channel closes
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden .tmp file is harmless and never taken for an output
        }
    }

    @Override
    public void close() {
        abort();
    }
}
