package io.toothcomb.writers;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The background threads the outputs share, and waiting for what they do. None keeps the JVM alive. */
final class OutputThreads {
    /** Forces a big output that goes through the page cache, a stretch at a time. */
    static final ExecutorService WRITEBACK = daemon("toothcomb-writeback");
    /** Writes the chunks of direct outputs, so that the threads that fill them do not wait for the device. */
    static final ExecutorService IO = daemon("toothcomb-io");
    /**
     * Forces the outputs of {@link AtomicOutput#commitAll} other than the first; threads are made as needed and
     * kept a minute.
     */
    static final ExecutorService SYNC = Executors.newCachedThreadPool(daemonThreads("toothcomb-sync"));

    private OutputThreads() {
    }

    /** Waits for {@code f} even when interrupted (the interrupt is kept); throws what it failed with. */
    static void awaitUninterruptibly(Future<?> f) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw failure(e, "writing an output");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One shared background thread that does not keep the JVM alive. */
    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(daemonThreads(name));
    }

    /** Threads named {@code name} that do not keep the JVM alive. */
    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** What a background write or force failed with, as the IOException its output reports. */
    static IOException failure(ExecutionException e, String what) {
        return e.getCause() instanceof IOException io ? io : new IOException("failed " + what, e.getCause());
    }
}
