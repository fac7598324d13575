package io.toothcomb.scrub;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands items from one producing thread to a worker thread of its own, in batches through a bounded queue:
 * the worker gets the batches in order ({@code Object[]}, null after the last item of a short one), and memory
 * stays flat because the producer waits when {@code inFlight} batches are queued. The items, and a batch handed
 * over whole ({@link #putBatch}), must not change afterwards.
 *
 * <p>A failure in the worker stops the work: the worker drains the rest without looking at it (so the producer
 * never blocks), the producer gets the failure at its next full batch, and {@link #finish} throws it.
 */
final class BatchPipe {
    /** What the worker does with each batch. */
    interface Sink {
        void accept(Object[] batch) throws IOException;
    }

    private static final Object[] POISON = new Object[0];

    private final int batchSize;
    private final BlockingQueue<Object[]> queue;
    private final Sink sink;
    private final Thread worker;
    private Object[] batch;
    private int n;
    private volatile Throwable failure;

    BatchPipe(String threadName, int batchSize, int inFlight, Sink sink) {
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(inFlight);
        this.sink = sink;
        this.batch = new Object[batchSize];
        this.worker = new Thread(this::work, threadName);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void work() {
        try {
            while (true) {
                Object[] b = queue.take();
                if (b == POISON) {
                    return;
                }
                if (failure != null) {
                    continue; // keep draining so the producer never blocks
                }
                try {
                    sink.accept(b);
                } catch (IOException | RuntimeException | Error e) {
                    failure = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues one item; throws what the worker failed with, if it has. */
    void add(Object item) throws IOException {
        batch[n++] = item;
        if (n == batchSize) {
            flushBatch();
            rethrow();
        }
    }

    /** Hands over a whole batch as it is (no partial batch of {@link #add} may be pending). */
    void putBatch(Object[] b) throws IOException {
        put(b);
        rethrow();
    }

    private void flushBatch() throws IOException {
        if (n == 0) {
            return;
        }
        put(batch);
        batch = new Object[batchSize];
        n = 0;
    }

    private void put(Object[] b) throws IOException {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing work to " + worker.getName());
        }
    }

    /** Hands over what is left, waits for the worker to finish it, and throws what the worker failed with. */
    void finish() throws IOException {
        flushBatch();
        put(POISON);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + worker.getName());
        }
        rethrow();
    }

    /**
     * Stops the worker without finishing (after a failure elsewhere) and waits until it has stopped, so that
     * nothing it writes to is still in use when the caller throws the outputs away.
     */
    void abandon() {
        failure = failure == null ? new IOException("abandoned") : failure;
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        rethrow(failure);
    }

    /** Throws {@code f} as it is when it is an IOException, a RuntimeException or an Error; else returns. */
    static void rethrow(Throwable f) throws IOException {
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    /** {@link #add} for a producer that cannot throw {@link IOException}. */
    void addUnchecked(Object item) {
        try {
            add(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
