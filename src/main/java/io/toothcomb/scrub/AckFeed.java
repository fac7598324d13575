package io.toothcomb.scrub;

import io.toothcomb.loader.FileAck;
import io.toothcomb.loader.TransactionAck;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands what the envelope pass finds to the scrub pass as soon as each transaction set is checked: the
 * scrub pass, reading the same file on another thread, waits only when it gets ahead.
 */
final class AckFeed {
    private final List<TransactionAck> acks = new ArrayList<>();
    private FileAck result;
    private Throwable failure;

    synchronized void add(TransactionAck ack) {
        acks.add(ack);
        notifyAll();
    }

    synchronized void finish(FileAck ack) {
        result = ack;
        notifyAll();
    }

    synchronized void fail(Throwable t) {
        failure = t;
        notifyAll();
    }

    /** The k-th transaction set's verdict (0-based, file order), or null if the envelope pass saw no such set. */
    synchronized TransactionAck get(int k) throws InterruptedIOException {
        while (acks.size() <= k && result == null && failure == null) {
            await();
        }
        checkFailure();
        return k < acks.size() ? acks.get(k) : null;
    }

    synchronized FileAck result() throws IOException {
        while (result == null && failure == null) {
            await();
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        checkFailure();
        return result;
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the envelope check");
        }
    }

    private void checkFailure() {
        if (failure instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
    }
}
