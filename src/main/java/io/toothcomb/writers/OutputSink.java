package io.toothcomb.writers;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The stream an {@link AtomicOutput} hands its writer, writing to the output's temporary file in one of three
 * modes: memory first (an output of up to {@value #CHUNK} bytes is written at the commit), then direct chunks
 * ({@code O_DIRECT}, written by a background thread) or, where the file system refuses direct I/O, the page cache
 * with a background force every {@value #WRITEBACK_EVERY} bytes. See {@link AtomicOutput} for why.
 */
final class OutputSink extends OutputStream {
    /** Held in memory up to this size; the chunk of a direct write. */
    static final int CHUNK = 1 << 20;
    /** Bytes written between two background forces when a big output goes through the page cache. */
    static final int WRITEBACK_EVERY = 32 << 20;
    /** Aligned direct buffers for reuse: allocating and freeing one per output would churn native memory. */
    private static final ConcurrentLinkedDeque<ByteBuffer> BUFFERS = new ConcurrentLinkedDeque<>();
    private static final int POOLED = 16;

    private enum Mode { MEMORY, DIRECT, CACHED }

    /** The output's final name (for messages), its temporary file and that file's channel. */
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final boolean allowDirect;
    private Mode mode = Mode.MEMORY;

    OutputSink(Path target, Path temp, FileChannel channel, boolean allowDirect) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.allowDirect = allowDirect;
    }

    /** True once the output is being written with direct I/O. */
    boolean direct() {
        return mode == Mode.DIRECT;
    }

    /** MEMORY and CACHED: bytes not yet written. */
    private byte[] heap = new byte[1 << 16];
    private int held;
    /** DIRECT: the aligned chunk being filled, its channel, the file's block size, and the bytes written. */
    private ByteBuffer chunk;
    private FileChannel directChannel;
    private int block;
    private long position;
    /** DIRECT: the chunk the I/O thread is writing, its buffer, and a buffer to fill next. */
    private Future<?> inFlight;
    private ByteBuffer inFlightBuffer;
    private ByteBuffer spare;
    /** CACHED: bytes since the last background force, and that force. */
    private long unforced;
    private Future<?> writeback;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
        if (mode == Mode.DIRECT) {
            while (n > 0) {
                int k = Math.min(n, chunk.remaining());
                chunk.put(b, off, k);
                off += k;
                n -= k;
                if (!chunk.hasRemaining()) {
                    writeChunk();
                    if (mode != Mode.DIRECT) {
                        write(b, off, n); // the direct writes were refused: the rest through the page cache
                        return;
                    }
                }
            }
            return;
        }
        if (held + n > heap.length) {
            if (held + n <= CHUNK) {
                heap = Arrays.copyOf(heap, Math.min(CHUNK, Math.max(heap.length * 2, held + n)));
            } else if (mode == Mode.MEMORY && startDirect()) {
                write(heap, 0, held);
                held = 0;
                write(b, off, n);
                return;
            } else {
                mode = Mode.CACHED;
                drain();
                if (n > heap.length) {
                    cached(b, off, n);
                    return;
                }
            }
        }
        System.arraycopy(b, off, heap, held, n);
        held += n;
    }

    /** Opens the file for direct I/O; false where the file system or the platform will not. */
    private boolean startDirect() {
        if (!allowDirect) {
            return false;
        }
        try {
            int b = Math.toIntExact(Files.getFileStore(temp).getBlockSize());
            if (b <= 0 || CHUNK % b != 0) {
                return false;
            }
            directChannel = FileChannel.open(temp, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            block = b;
            chunk = takeBuffer(b);
            mode = Mode.DIRECT;
            return true;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            closeDirect();
            return false;
        }
    }

    /**
     * Hands a full chunk to the I/O thread and goes on filling another: a direct write waits for the device,
     * and a writer that waited with it would hold up the threads that feed it. The first chunk is written
     * here, so that a file system that takes the open but refuses the writes is found out at once.
     */
    private void writeChunk() throws IOException {
        chunk.flip();
        if (position != 0) {
            ByteBuffer full = chunk;
            long at = position;
            position += full.remaining();
            awaitInFlight();
            inFlightBuffer = full;
            FileChannel ch = directChannel;
            inFlight = OutputThreads.IO.submit(() -> {
                long p = at;
                while (full.hasRemaining()) {
                    p += ch.write(full, p);
                }
                return null;
            });
            chunk = spare != null ? spare : takeBuffer(block);
            spare = null;
            return;
        }
        try {
            writeFully(chunk);
        } catch (IOException e) {
            // the file system took the open but refuses the writes: through the page cache from here on
            chunk.rewind();
            byte[] first = new byte[chunk.remaining()];
            chunk.get(first);
            release();
            mode = Mode.CACHED;
            heap = new byte[CHUNK];
            cached(first, 0, first.length);
            return;
        }
        chunk.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            position += directChannel.write(b, position);
        }
    }

    /** MEMORY/CACHED: writes the held bytes through the page cache. */
    private void drain() throws IOException {
        cached(heap, 0, held);
        held = 0;
    }

    private void cached(byte[] b, int off, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, n);
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        unforced += n;
        if (unforced >= WRITEBACK_EVERY && (writeback == null || writeback.isDone())) {
            unforced = 0;
            writeback = OutputThreads.WRITEBACK.submit(() -> {
                try {
                    channel.force(false);
                } catch (IOException ignored) {
                    // only a head start: commit() forces again and reports any failure; abort() may close it
                }
            });
        }
    }

    /** Waits for the chunk the I/O thread is writing, and keeps its buffer for the next one. */
    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            await(inFlight, "writing");
        } catch (InterruptedIOException e) {
            throw e; // the write stays in flight: cancel() waits for it
        } catch (IOException e) {
            landed();
            throw e;
        }
        landed();
    }

    /** Waits for a background write or force of this output; its failure is this output's failure. */
    private void await(Future<?> f, String doing) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing + " " + target.getFileName());
        } catch (ExecutionException e) {
            throw OutputThreads.failure(e, doing + " " + target.getFileName());
        }
    }

    /** The write in flight is over: its buffer is free for the next chunk. */
    private void landed() {
        inFlight = null;
        inFlightBuffer.clear();
        spare = inFlightBuffer;
        inFlightBuffer = null;
    }

    /** Writes what is left: a direct output's last chunk rounded up to a block and cut back to its length. */
    void finish() throws IOException {
        if (mode != Mode.DIRECT) {
            drain();
            awaitWriteback();
            return;
        }
        awaitInFlight();
        int tail = chunk.position();
        if (tail > 0) {
            int padded = (tail + block - 1) / block * block;
            while (chunk.position() < padded) {
                chunk.put((byte) 0); // not a pooled buffer's earlier bytes, even for the moment until the cut
            }
            chunk.flip(); // the padding is cut off below
            writeFully(chunk);
            position = position - padded + tail;
            channel.truncate(position);
        }
    }

    private void awaitWriteback() throws IOException {
        if (writeback != null) {
            await(writeback, "forcing");
        }
    }

    /** Gives the direct buffers back and closes the direct channel (no write is in flight any more). */
    void release() {
        closeDirect();
        pool(chunk);
        pool(spare);
        chunk = null;
        spare = null;
    }

    private void pool(ByteBuffer b) {
        if (b != null && BUFFERS.size() < POOLED) {
            b.clear();
            BUFFERS.push(b);
        }
    }

    void cancel() {
        if (writeback != null) {
            writeback.cancel(false); // a force already running ends when the channel closes
        }
        if (inFlight != null) {
            // its buffer must not go back to the pool while it is being written: wait, even if interrupted
            try {
                OutputThreads.awaitUninterruptibly(inFlight);
            } catch (IOException e) {
                // the output is thrown away anyway
            }
            landed();
        }
        // an aborted output's buffers are dropped, not pooled: nothing may still be filling them then
        chunk = null;
        spare = null;
        closeDirect();
    }

    void closeDirect() {
        if (directChannel != null) {
            try {
                directChannel.close();
            } catch (IOException ignored) {
                // the data channel reports what matters
            }
            directChannel = null;
        }
    }

    @Override
    public void flush() {
        // bytes reach the file in chunks and at commit(); a writer's flush has nothing to force
    }

    @Override
    public void close() {
        // the channels are closed by commit/abort
    }

    private static ByteBuffer takeBuffer(int block) {
        ByteBuffer b = BUFFERS.poll();
        if (b != null && b.alignmentOffset(0, block) == 0) {
            return b;
        }
        return ByteBuffer.allocateDirect(CHUNK + block).alignedSlice(block).limit(CHUNK).slice();
    }
}
